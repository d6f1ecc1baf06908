// Configurações > Financeiro > Forma de Cobrança: the list at /formas-de-cobranca, one method at
// /formas-de-cobranca/:id (tab "geral") or /formas-de-cobranca/:id/email.
import { Route, Switch } from 'wouter';
import { MethodList } from './method-list';
import { MethodPage } from './method-page';

export default function BillingMethodsPage() {
  return (
    <Switch>
      <Route path="/:id/:tab?">
        {(params) => <MethodPage id={decodeURIComponent(params.id)} tab={params.tab} />}
      </Route>
      <Route>
        <MethodList />
      </Route>
    </Switch>
  );
}
