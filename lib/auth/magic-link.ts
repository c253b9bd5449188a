/** How long a sign-in link works (the e-mail and the "check your email" page both say so). */
export const MAGIC_LINK_MINUTES = 30;
