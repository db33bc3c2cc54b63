import { widget } from '../components/widget';
import { format } from '../lib/format';

export const useThing = () => format(widget);
