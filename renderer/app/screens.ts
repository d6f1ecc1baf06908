// Every screen's address and place in the menu (labels as the ERP's users know them). Data only, so
// tests can walk the menu without loading React.
export type MenuGroup =
  'principal' | 'Configurações › Financeiro' | 'Configurações › Geral' | 'Configurações';

export interface ScreenEntry {
  path: string;
  label: string;
  group: MenuGroup | null;
}

export const SCREEN_ENTRIES = [
  { path: '/', label: 'Início', group: 'principal' },
  { path: '/clientes', label: 'Clientes', group: 'principal' },
  { path: '/faturas', label: 'Faturas', group: 'principal' },
  { path: '/historico', label: 'Histórico de envios', group: 'principal' },
  { path: '/importar', label: 'Importar', group: 'principal' },
  { path: '/modo-de-teste', label: 'Modo de teste', group: 'principal' },
  { path: '/formas-de-cobranca', label: 'Forma de Cobrança', group: 'Configurações › Financeiro' },
  { path: '/layouts', label: 'Layout de E-mail', group: 'Configurações › Geral' },
  { path: '/rotinas', label: 'Rotinas', group: 'Configurações › Geral' },
  { path: '/contas-de-email', label: 'Contas de e-mail', group: 'Configurações' },
  { path: '/empresa', label: 'Empresa', group: 'Configurações' },
  { path: '/feriados', label: 'Feriados', group: 'Configurações' },
  { path: '/configuracao-inicial', label: 'Configuração inicial', group: null },
] as const satisfies readonly ScreenEntry[];

export type ScreenPath = (typeof SCREEN_ENTRIES)[number]['path'];

/** The breadcrumb of a screen, from its menu group: ["Configurações", "Geral"]; none for the main ones. */
export function screenTrail(path: ScreenPath): string[] {
  const group = SCREEN_ENTRIES.find((s) => s.path === path)?.group;
  return group && group !== 'principal' ? group.split(' › ') : [];
}

/** The screen an address belongs to (the longest path that starts it). */
export function screenAt(location: string): ScreenEntry | undefined {
  return [...SCREEN_ENTRIES]
    .sort((a, b) => b.path.length - a.path.length)
    .find((s) =>
      s.path === '/' ? location === '/' : location === s.path || location.startsWith(`${s.path}/`),
    );
}
