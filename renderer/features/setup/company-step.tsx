// Step 1, Empresa: the Empresa page's form (name, documents and where the company is: state and city
// choose the holidays), starting from what is saved.
import { useApi } from '../../lib/use-api';
import { CompanyForm } from '../company';
import { StepButtons } from './step-frame';

export function CompanyStep({ onDone }: { onDone: () => void }) {
  const company = useApi('company.get', {});
  return (
    <CompanyForm
      company={company.data ?? null}
      onSaved={onDone}
      actions={(submitting) => <StepButtons submitting={submitting} />}
    />
  );
}
