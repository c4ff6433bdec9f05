export const loaded = 'dep loaded';
