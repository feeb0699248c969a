// Patterns shared by the content schemas, the CMS config and the forms. No zod here, so the forms'
// browser bundle can use them without loading the content schemas' zod.

/** One pattern for email addresses. */
export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
