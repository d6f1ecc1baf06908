// One Forma de Cobrança, as the ERP opens it from Editar: tabs for its general data, its e-mail rules
// and what its boletos print. The tab lives in the address (/formas-de-cobranca/:id/email) so it
// survives a reload.
import { Alert, Anchor, Breadcrumbs, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconBarcode, IconMail, IconPlayerPause, IconPlayerPlay, IconSettings } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import { useApi } from '../../lib/use-api';
import { BoletoTab } from './boleto-tab';
import { EmailTab } from './email-tab';
import { RenameMethodForm } from './method-form';
import { PaymentsGuardForm } from './payments-guard';
import { usage, setMethodActive, StatusBadge } from './method-list';

const TABS = ['geral', 'email', 'boleto'] as const;
type Tab = (typeof TABS)[number];

export function MethodPage({ id, tab }: { id: string; tab: string | undefined }) {
  const [, navigate] = useLocation();
  const { data, error, loading } = useApi('billingMethods.list', {});
  const method = data?.find((m) => m.id === id);
  const current: Tab = TABS.includes(tab as Tab) ? (tab as Tab) : 'geral';
  const back = (
    <Anchor
      href="#/formas-de-cobranca"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      Forma de Cobrança
    </Anchor>
  );

  if (error)
    return (
      <Alert color="red" title="Não foi possível carregar a forma de cobrança">
        {error}
      </Alert>
    );
  if (loading && !data) return <Loader aria-label="Carregando" />;
  if (!method)
    return (
      <Stack>
        <Breadcrumbs>{back}</Breadcrumbs>
        <Alert color="yellow" title="Forma de cobrança não encontrada">
          Ela pode ter sido removida. Volte à lista e escolha outra.
        </Alert>
      </Stack>
    );

  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb={4}>
          {back}
          <span>{method.name}</span>
        </Breadcrumbs>
        {/* The button stays beside the title: the top-right corner is where the toasts appear. */}
        <Group gap="sm">
          <Title order={2}>{method.name}</Title>
          <StatusBadge active={method.active} />
          <Button
            variant="default"
            size="xs"
            ml="md"
            leftSection={method.active ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
            onClick={() => void setMethodActive(method, !method.active)}
          >
            {method.active ? 'Desativar' : 'Ativar'}
          </Button>
        </Group>
      </div>
      <Tabs
        value={current}
        onChange={(next) => next && navigate(`/${encodeURIComponent(method.id)}/${next}`)}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="geral" leftSection={<IconSettings size={16} />}>
            Dados gerais
          </Tabs.Tab>
          <Tabs.Tab value="email" leftSection={<IconMail size={16} />}>
            Email
          </Tabs.Tab>
          <Tabs.Tab value="boleto" leftSection={<IconBarcode size={16} />}>
            Boleto
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="geral" pt="lg">
          <Stack gap="lg">
            <RenameMethodForm key={`${method.id}:${method.name}`} method={method} />
            <PaymentsGuardForm key={`${method.id}:payments`} method={method} />
            <Text size="sm" c="dimmed">
              {usage(method)
                ? `${usage(method)}.`
                : 'Nenhuma fatura ou rotina usa esta forma de cobrança ainda.'}
            </Text>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="email" pt="lg">
          <EmailTab method={method} />
        </Tabs.Panel>
        <Tabs.Panel value="boleto" pt="lg">
          <BoletoTab key={method.id} method={method} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
