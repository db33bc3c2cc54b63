export const page = 'ok';
