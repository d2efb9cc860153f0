/** Dates from the API are epoch seconds; shown as a long, locale-aware date ("March 3, 2027"). */
export function formatDate(epochSeconds: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(
    new Date(epochSeconds * 1000),
  );
}
