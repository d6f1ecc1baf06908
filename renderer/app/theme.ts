// The look of every screen. Text meets WCAG AA (4.5:1): filled buttons and coloured text use shade 8,
// light badges and buttons write in shade 9 over shade 1, "dimmed" help text and placeholders are
// darker greys than Mantine's. The shades 8 and 9 below are darkened where Mantine's fall short.
import {
  Anchor,
  createTheme,
  DEFAULT_THEME,
  Modal,
  Notification,
  Table,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/** Mantine's palette with shades 8 and 9 replaced. */
const darkened = (name: keyof typeof DEFAULT_THEME.colors, shade8: string, shade9: string) =>
  [...DEFAULT_THEME.colors[name]!.slice(0, 8), shade8, shade9] as unknown as MantineColorsTuple;

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  colors: {
    teal: darkened('teal', '#087f5b', '#066649'),
    red: darkened('red', '#c92a2a', '#a61e1e'),
    orange: darkened('orange', '#b8400b', '#9a3412'),
    green: darkened('green', '#237032', '#1b5e28'),
    yellow: darkened('yellow', '#a15c00', '#7c4700'),
    blue: darkened('blue', '#1864ab', '#145591'),
    cyan: darkened('cyan', '#0b7285', '#095e6e'),
    grape: darkened('grape', '#862e9c', '#6d2580'),
  },
  components: {
    // A link inside a sentence is told apart by its underline, not by its colour alone.
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A table wider than the screen scrolls sideways; the keyboard must reach that too.
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
    // A dialog's and a toast's close buttons are icons: they need a name.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dispensar janela' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dispensar aviso' } },
    }),
  },
});

/**
 * Help text at 6:1 on white (5.3:1 on the light teal and orange cards) instead of gray.6's 3.3:1, and
 * placeholders at 4.8:1 instead of gray.5's 2.1:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#6b7280' },
  dark: {},
});
