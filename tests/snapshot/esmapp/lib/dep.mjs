export const dep = { count: 0 };
export function bump() { dep.count++; }
