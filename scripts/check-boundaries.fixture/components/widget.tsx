import { format } from '../lib/format';

export const widget = format('widget');
