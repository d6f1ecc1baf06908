// Holiday names as Brazilian calendars print them. date-holidays translates some from other
// languages ("Corpo de Deus" is Portugal's name for Corpus Christi) and lower-cases a few.
const BRAZILIAN_NAMES: Readonly<Record<string, string>> = {
  'Corpo de Deus': 'Corpus Christi',
  'Dia do trabalhador': 'Dia do Trabalhador',
  'Dia do evangélico': 'Dia do Evangélico',
  'Sexta-Feira Santa': 'Sexta-feira Santa',
  'Dia de Tiradentes': 'Tiradentes',
  'Dia de Finados': 'Finados',
  'Dia da Independência': 'Independência do Brasil',
  'Dia de Eleição': 'Eleições',
  'Alusivo ao Dia Internacional da Mulher': 'Dia Internacional da Mulher',
};

/** The name as people in Brazil write it; anything not mapped at least starts with a capital letter. */
export function brazilianHolidayName(name: string): string {
  const mapped = BRAZILIAN_NAMES[name] ?? name;
  return mapped.charAt(0).toLocaleUpperCase('pt-BR') + mapped.slice(1);
}
