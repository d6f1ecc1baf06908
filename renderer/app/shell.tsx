// The frame around every screen: the menu on the left, the page on the right.
import { AppShell, Badge, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useApi } from '../lib/use-api';
import { SCREENS } from './routes';
import type { MenuGroup } from './screens';

const GROUPS: MenuGroup[] = [
  'principal',
  'Configurações > Financeiro',
  'Configuração > Geral',
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
      <Title order={3}>Régua</Title>
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
    <Router hook={useHashLocation}>
      <AppShell header={{ height: 56 }} navbar={{ width: 250, breakpoint: 'sm' }} padding="lg">
        <AppShell.Header>
          <Header />
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Menu principal">
          <Menu />
        </AppShell.Navbar>
        <AppShell.Main>
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
