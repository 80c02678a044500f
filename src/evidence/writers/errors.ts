import { errorCodes } from '../../core/errors.ts';

export const WRITER_ERRORS = errorCodes({
  /** A table's rows() gave other rows on its second read than on its first (report-model.ts asks for the same rows each call). */
  REPORT_ROWS_CHANGED: 'internal',
});
