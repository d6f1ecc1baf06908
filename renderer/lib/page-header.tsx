// The top of every screen: where it sits in the menu ("Configurações › Geral"), its one h1, what it is
// for, its main actions, and the window/tab title ("Rotinas — Régua").
import { Anchor, Box, Breadcrumbs, Group, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';

export const APP_NAME = 'Régua';

/** "Rotinas — Régua". */
export const windowTitle = (title: string) => `${title} — ${APP_NAME}`;

/** Sets the window (or tab) title while the component is shown. */
export function useWindowTitle(title: string) {
  useEffect(() => {
    document.title = windowTitle(title);
  }, [title]);
}

export interface TrailStep {
  label: string;
  /** A place one can go back to (relative to the current screen's router). */
  href?: string;
}

export function PageHeader(props: {
  title: string;
  /** Where the screen sits: ["Configurações", "Geral"]; with an href, a step is a link back. */
  trail?: (string | TrailStep)[];
  description?: ReactNode;
  /** Next to the title: a status badge, "Alterações não salvas"… */
  aside?: ReactNode;
  actions?: ReactNode;
  /** The window title when it should differ from the page's. */
  windowTitle?: string;
}) {
  useWindowTitle(props.windowTitle ?? props.title);
  const trail = (props.trail ?? []).map((s) => (typeof s === 'string' ? { label: s } : s));
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <Box maw={820}>
        {trail.length > 0 && (
          <Box component="nav" aria-label="Você está em" mb={2}>
            <Breadcrumbs separator="›" separatorMargin={6}>
              {trail.map((step) =>
                step.href ? (
                  <Anchor key={step.label} component={Link} href={step.href} size="sm">
                    {step.label}
                  </Anchor>
                ) : (
                  <Text key={step.label} size="sm" c="dimmed">
                    {step.label}
                  </Text>
                ),
              )}
            </Breadcrumbs>
          </Box>
        )}
        <Group gap="sm" align="center">
          <Title order={1} size="h2">
            {props.title}
          </Title>
          {props.aside}
        </Group>
        {props.description && (
          <Text c="dimmed" size="sm" mt={4}>
            {props.description}
          </Text>
        )}
      </Box>
      {props.actions && <Group gap="xs">{props.actions}</Group>}
    </Group>
  );
}
