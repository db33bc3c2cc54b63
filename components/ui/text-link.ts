/**
 * A link that sits in running text, beside other words in the same line (a container's name before
 * its state): underlined, so it is told apart by more than its colour (WCAG 1.4.1, axe's
 * link-in-text-block). In the dark theme the accent is 2.4:1 against the body text, under the 3:1
 * that colour alone would need. A link alone in its cell or row keeps the plain accent.
 */
export const textLink = 'text-accent underline decoration-accent/60 underline-offset-2 hover:decoration-accent';
