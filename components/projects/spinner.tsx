/** A small busy indicator for buttons; the button's text says what is happening. */
export function Spinner() {
  return <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
