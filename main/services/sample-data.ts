// Dados de exemplo: a small ISP's month around `today`, as a regua/v1 document, so a newcomer sees
// the whole régua (forecast, sending in test mode, history) before typing anything. Built relative to
// today so there is always something due: invoices due today−3 and today−13, due in 5 days, due today
// and issued today. Applied like an import, so it validates like one.
import { addDays } from '../../shared/calendar';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import { FORMAT } from './interchange';
import { sampleCnpj, sampleCpf, sampleDigitableLine, samplePixCode } from './sample-payment-codes';

export const SAMPLE_BILLING_METHOD_ID = 'boleto';
export const SAMPLE_ROUTINE_ID = 'envio-diario';

interface SampleCustomer {
  name: string;
  /** null: no e-mail on file. */
  email: string | null;
  /** Due date of this month's invoice, in days from today. */
  dueOffset: number;
  planCents: number;
  company?: boolean;
  optOut?: boolean;
  /** This month's invoice is already paid (only meaningful when already due). */
  paid?: boolean;
}

const PLANS = { mega100: 7990, mega300: 9990, mega500: 12990, giga: 19990, empresa: 34990 };

const CUSTOMERS: SampleCustomer[] = [
  { name: 'Maria da Silva', email: 'maria.silva@cliente.example', dueOffset: -3, planCents: PLANS.mega300 },
  { name: 'João Pereira', email: 'joao.pereira@cliente.example', dueOffset: -13, planCents: PLANS.mega100 },
  { name: 'Ana Beatriz Souza', email: 'ana.souza@cliente.example', dueOffset: 5, planCents: PLANS.mega500 },
  {
    name: 'Carlos Eduardo Lima',
    email: 'carlos.lima@cliente.example',
    dueOffset: 0,
    planCents: PLANS.mega300,
  },
  { name: 'Fernanda Oliveira', email: 'fernanda@cliente.example', dueOffset: 15, planCents: PLANS.giga },
  {
    name: 'Padaria Pão Quente Ltda',
    email: 'financeiro@paoquente.example; dono@paoquente.example',
    dueOffset: -3,
    planCents: PLANS.empresa,
    company: true,
  },
  { name: 'Roberto Carlos Alves', email: null, dueOffset: -13, planCents: PLANS.mega100 },
  {
    name: 'Juliana Costa',
    email: 'juliana.costa@cliente.example',
    dueOffset: 5,
    planCents: PLANS.mega300,
    optOut: true,
  },
  {
    name: 'Marcos Vinícius Rocha',
    email: 'marcos.rocha@cliente.example',
    dueOffset: -8,
    planCents: PLANS.mega300,
    paid: true,
  },
  { name: 'Patrícia Gomes', email: 'patricia.gomes@cliente.example', dueOffset: 3, planCents: PLANS.mega500 },
  {
    name: 'Lucas Martins',
    email: 'lucas.martins@cliente.example',
    dueOffset: -5,
    planCents: PLANS.mega100,
    paid: true,
  },
  {
    name: 'Camila Ribeiro',
    email: 'camila.ribeiro@cliente.example',
    dueOffset: 10,
    planCents: PLANS.mega300,
  },
  {
    name: 'Oficina Mecânica Dois Irmãos ME',
    email: 'contato@doisirmaos.example',
    dueOffset: 7,
    planCents: PLANS.empresa,
    company: true,
  },
  { name: 'Rafael Fernandes', email: 'rafael.f@cliente.example', dueOffset: -1, planCents: PLANS.mega300 },
  { name: 'Aline Barbosa', email: 'aline.barbosa@cliente.example', dueOffset: 12, planCents: PLANS.giga },
  {
    name: 'Thiago Araújo',
    email: 'thiago.araujo@cliente.example',
    dueOffset: -10,
    planCents: PLANS.mega100,
    paid: true,
  },
  { name: 'Beatriz Cardoso', email: 'bia.cardoso@cliente.example', dueOffset: 1, planCents: PLANS.mega500 },
  {
    name: 'Gustavo Teixeira',
    email: 'gustavo.teixeira@cliente.example',
    dueOffset: 4,
    planCents: PLANS.mega300,
  },
  {
    name: 'Larissa Mendes',
    email: 'larissa.mendes@cliente.example',
    dueOffset: -12,
    planCents: PLANS.mega300,
    paid: true,
  },
  { name: 'Felipe Castro', email: 'felipe.castro@cliente.example', dueOffset: 9, planCents: PLANS.mega100 },
  {
    name: 'Mercadinho Bom Preço',
    email: 'compras@bompreco.example',
    dueOffset: 14,
    planCents: PLANS.empresa,
    company: true,
  },
  { name: 'Vanessa Nunes', email: 'vanessa.nunes@cliente.example', dueOffset: -4, planCents: PLANS.mega300 },
  { name: 'Diego Moreira', email: 'diego.moreira@cliente.example', dueOffset: 6, planCents: PLANS.mega500 },
  {
    name: 'Renata Carvalho',
    email: 'renata.carvalho@cliente.example',
    dueOffset: 2,
    planCents: PLANS.mega300,
  },
  {
    name: 'Sebastião Ramos',
    email: 'sebastiao.ramos@cliente.example',
    dueOffset: -7,
    planCents: PLANS.mega100,
  },
];

/** Invoices are issued this many days before they fall due. */
const ISSUE_LEAD_DAYS = 15;
/** How many customers also get the invoice of two months ago (paid), to reach a realistic history. */
const OLDER_INVOICES = 10;

export function sampleDocument(today: string) {
  const customers = CUSTOMERS.map((c, i) => ({
    id: `cliente-${String(i + 1).padStart(3, '0')}`,
    name: c.name,
    document: c.company ? sampleCnpj(12_345_000 + i * 37) : sampleCpf(123_456_000 + i * 1_301),
    email: c.email,
    phone: `(11) 9${8100 + i * 37}-${String(1000 + i * 313).slice(-4)}`,
    active: true,
    emailOptOut: c.optOut ?? false,
  }));

  let sequence = 0;
  const invoices = CUSTOMERS.flatMap((c, i) => {
    const monthsBack = i < OLDER_INVOICES ? [2, 1, 0] : [1, 0];
    return monthsBack.map((back) => {
      sequence++;
      const dueDate = addDays(today, c.dueOffset - 30 * back);
      const id = `fatura-${String(sequence).padStart(4, '0')}`;
      // Earlier months are paid, except the two customers whose old invoice is still overdue.
      const paid = back > 0 ? !(back === 1 && (i === 1 || i === 6)) : (c.paid ?? false);
      return {
        id,
        customerId: customers[i]!.id,
        billingMethodId: SAMPLE_BILLING_METHOD_ID,
        number: `${dueDate.slice(0, 4)}${dueDate.slice(5, 7)}-${String(sequence).padStart(4, '0')}`,
        issueDate: addDays(dueDate, -ISSUE_LEAD_DAYS),
        dueDate,
        amountCents: c.planCents,
        status: paid ? 'paid' : 'open',
        digitableLine: sampleDigitableLine(dueDate, c.planCents, 5_000 + sequence),
        pixCode: samplePixCode(c.planCents, id),
        pdfPath: null,
      };
    });
  });

  return {
    format: FORMAT,
    company: {
      name: 'Provedor Exemplo',
      document: sampleCnpj(98_765_432),
      email: 'financeiro@provedor.example',
      phone: '(11) 4000-1234',
      timezone: 'America/Sao_Paulo',
      state: 'SP',
      city: 'São Paulo',
    },
    smtpAccounts: [
      {
        id: TEST_MODE_ACCOUNT_ID,
        name: 'Modo de teste',
        host: '127.0.0.1',
        port: 2525,
        security: 'none',
        fromName: 'Provedor Exemplo',
        fromAddress: 'cobranca@provedor.example',
        replyTo: 'financeiro@provedor.example',
      },
    ],
    billingMethods: [
      {
        id: SAMPLE_BILLING_METHOD_ID,
        name: 'Boleto Bancário',
        active: true,
        sendRules: [
          { id: 'emissao', kind: 'after_issue', days: 0, layoutId: 'boleto-emissao' },
          { id: 'antes-5', kind: 'before_due', days: 5, layoutId: 'boleto-antes-vencimento' },
          { id: 'no-vencimento', kind: 'on_due', days: 0, layoutId: 'boleto-no-vencimento' },
          { id: 'apos-3', kind: 'after_due', days: 3, layoutId: 'boleto-apos-vencimento' },
          { id: 'apos-13', kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento' },
        ],
      },
    ],
    routines: [
      {
        id: SAMPLE_ROUTINE_ID,
        description: 'Envio diário de faturas',
        task: 'send_email',
        active: true,
        schedule: { frequency: 'daily', time: '08:10:00' },
        runOnHolidays: false,
        catchUp: true,
        catchUpDays: 7,
        smtpAccountId: TEST_MODE_ACCOUNT_ID,
        billingMethodIds: [],
      },
    ],
    customers,
    invoices,
  };
}
