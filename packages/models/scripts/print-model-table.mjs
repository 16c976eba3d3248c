// Prints the README's model table (the rows, the other rows and the cited sources) from the
// built table: `npm run table` (after `npm run build`), then paste it between the README's
// model-table markers. model-table-markdown.test.ts fails while the README's copy differs.
import { modelTableMarkdown } from '../dist/model-table-markdown.js';

process.stdout.write(`${modelTableMarkdown()}\n`);
