export {
  type Catalogue,
  type CatalogueModel,
  type CatalogueProfile,
  defaultCatalogue,
  type ReasoningMode,
} from './catalogue.js';
export { type Certificate, generateCertificate } from './certificate.js';
export { encodeEvent } from './event-frames.js';
export { startEmulator } from './start-emulator.js';
export type {
  Emulator,
  EmulatorOptions,
  Fault,
  FaultSpec,
  Operation,
  RecordedRequest,
  ScriptedAnswer,
  StreamEvent,
  StreamExceptionType,
  Usage,
} from './types.js';
