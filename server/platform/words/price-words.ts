/**
 * A plan's price as people read it: "Free", "£9 a month", "£7 a person a month". Imports
 * nothing, so the landing page and the web app say it the same way.
 */
export function priceWords(price: { monthlyPence: number; perSeat: boolean } | null): string {
  if (!price) return 'Price on request';
  if (price.monthlyPence === 0) return 'Free';
  const pounds = price.monthlyPence / 100;
  const amount = `£${Number.isInteger(pounds) ? pounds.toLocaleString('en-GB') : pounds.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `${amount} ${price.perSeat ? 'a person ' : ''}a month`;
}
