// Configuração > Geral > Layout de E-mail: the list, and the editor of one layout (or a new one).
import { Route, Switch } from 'wouter';
import { LayoutEditor } from './layout-editor';
import { LayoutList } from './layout-list';

export default function LayoutsPage() {
  return (
    <Switch>
      <Route path="/novo">
        <LayoutEditor key="novo" id={null} />
      </Route>
      <Route path="/editar/:id">
        {(params) => <LayoutEditor key={params.id} id={decodeURIComponent(params.id)} />}
      </Route>
      <Route>
        <LayoutList />
      </Route>
    </Switch>
  );
}
