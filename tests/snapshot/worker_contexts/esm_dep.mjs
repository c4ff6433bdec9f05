export const dep = 'esm dep';
