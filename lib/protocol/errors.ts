import { z } from './z';
import { errorCodes } from './error-codes';

export { errorCodes, httpStatusForCode, type ErrorCode, type ApiError } from './error-codes';

export const errorCodeSchema = z.enum(errorCodes);

export const apiErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
