import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { Report } from './validate-content-block.js';
/** Rules that count over the whole request, not one message or block. */
export declare function checkRequestLimits(input: ConverseStreamCommandInput, report: Report): void;
