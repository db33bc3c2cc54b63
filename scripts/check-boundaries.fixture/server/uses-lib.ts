import { format } from '../lib/format';
import { page } from '../lib/protocol/wire';

export const both = format(page);
