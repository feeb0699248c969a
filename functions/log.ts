// Logs carry references, stages and counts only. Error messages from the email service or the
// store can quote an address; this takes any out before a line is written (and the runtime's log
// applies it to every line, as a safety net).

const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

export const withoutAddresses = (text: string) => text.replace(ADDRESS, '[address]');
