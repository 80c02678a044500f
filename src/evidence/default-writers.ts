import type { PackWriters } from './pack/index.ts';
import { writeCsv, writeJson, writePdf } from './writers/index.ts';

/** The writers every pack is made with (src/evidence/writers); tests of the pack alone may pass stand-ins. */
export const PACK_WRITERS: PackWriters = { pdf: writePdf, csv: writeCsv, json: writeJson };
