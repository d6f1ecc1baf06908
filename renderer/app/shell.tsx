// The frame around every screen: the menu on the left, the page on the right.
import { AppShell, Badge, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useLayoutEffect } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { UnsavedChangesPrompt, useGuardedHashLocation } from '../lib/navigation-guard';
import { APP_NAME, windowTitle } from '../lib/page-header';
import { useApi } from '../lib/use-api';
import { SCREENS } from './routes';
import { screenAt, type MenuGroup } from './screens';

/**
 * The window title of the screen shown, before the screen says anything more precise: set in a layout
 * effect, so a PageHeader's own title (a passive effect, after it) wins.
 */
function ScreenWindowTitle() {
  const [location] = useLocation();
  const label = screenAt(location)?.label;
  useLayoutEffect(() => {
    document.title = label ? windowTitle(label) : APP_NAME;
  }, [label]);
  return null;
}

const GROUPS: MenuGroup[] = [
  'principal',
  'Configurações › Financeiro',
  'Configurações › Geral',
  'Configurações',
];

function Menu() {
  const [location, navigate] = useLocation();
  return (
    <ScrollArea>
      {GROUPS.map((group) => (
        <div key={group}>
          {group !== 'principal' && (
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
              {group}
            </Text>
          )}
          {SCREENS.filter((s) => s.group === group).map((s) => (
            <NavLink
              key={s.path}
              href={`#${s.path}`}
              label={s.label}
              active={s.path === '/' ? location === '/' : location.startsWith(s.path)}
              onClick={(e) => {
                e.preventDefault();
                navigate(s.path);
              }}
            />
          ))}
        </div>
      ))}
    </ScrollArea>
  );
}

function Header() {
  const status = useApi('setup.status', {});
  return (
    <Group h="100%" px="md" justify="space-between">
      <Text fw={700} fz="h3" component="span">
        {APP_NAME}
      </Text>
      {status.data?.testMode && (
        <Badge
          color="orange"
          variant="light"
          maw="50%"
          title={`Os e-mails destas rotinas são capturados pelo modo de teste e não saem para clientes: ${status.data.testModeRoutines.join(', ')}`}
        >
          {status.data.testModeRoutines.length === 1
            ? `modo de teste: ${status.data.testModeRoutines[0]}`
            : `modo de teste: ${status.data.testModeRoutines.length} rotinas`}
        </Badge>
      )}
    </Group>
  );
}

export function Shell() {
  return (
    <Router hook={useGuardedHashLocation}>
      <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm' }} padding="lg">
        <AppShell.Header>
          <Header />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Menu principal">
          <Menu />
        </AppShell.Navbar>
        <AppShell.Main>
          <ScreenWindowTitle />
          <UnsavedChangesPrompt />
          <Switch>
            {SCREENS.map((s) => (
              <Route key={s.path} path={s.path} nest={s.path !== '/'} component={s.component} />
            ))}
            <Route>
              <Redirect to="/" />
            </Route>
          </Switch>
        </AppShell.Main>
      </AppShell>
    </Router>
  );
}
