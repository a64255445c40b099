/** Countries offered at first run, with the currency a clinic there most likely charges in. */
export const countryCurrency: Record<string, string> = {
  AE: 'AED', AR: 'ARS', AT: 'EUR', AU: 'AUD', BE: 'EUR', BR: 'BRL', CA: 'CAD', CH: 'CHF', CL: 'CLP', CO: 'COP',
  CY: 'EUR', CZ: 'CZK', DE: 'EUR', DK: 'DKK', EE: 'EUR', ES: 'EUR', FI: 'EUR', FR: 'EUR', GB: 'GBP', GR: 'EUR',
  HK: 'HKD', HR: 'EUR', HU: 'HUF', IE: 'EUR', IL: 'ILS', IN: 'INR', IS: 'ISK', IT: 'EUR', JP: 'JPY', KR: 'KRW',
  LT: 'EUR', LU: 'EUR', LV: 'EUR', MT: 'EUR', MX: 'MXN', MY: 'MYR', NL: 'EUR', NO: 'NOK', NZ: 'NZD', PH: 'PHP',
  PL: 'PLN', PT: 'EUR', RO: 'RON', SA: 'SAR', SE: 'SEK', SG: 'SGD', SI: 'EUR', SK: 'EUR', TH: 'THB', TR: 'TRY',
  US: 'USD', ZA: 'ZAR',
};

const regionNames = new Intl.DisplayNames(undefined, { type: 'region' });

export const countries = Object.keys(countryCurrency)
  .map((code) => ({ code, name: regionNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

export function browserCountry(): string {
  const region = new Intl.Locale(navigator.language).maximize().region;
  return region && countryCurrency[region] ? region : 'US';
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const timeZones: string[] = (() => {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
})();
