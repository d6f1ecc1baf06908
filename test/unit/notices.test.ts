import { describe, expect, it } from 'vitest';
import { buildBankLine, buildPixCode } from '../../shared/br';
import { noticeKey } from '../../shared/calendar';
import type { BillingMethod, Customer, Invoice, SendRule } from '../../shared/domain';
import { planNotices, type LedgerState, type PendingNotice, type PlanInput } from '../../shared/notices';

const rule = (over: Partial<SendRule> = {}): SendRule => ({
  id: 'r1',
  kind: 'after_due',
  days: 13,
  layoutId: 'boleto-apos-vencimento',
  attachInvoice: true,
  active: true,
  ...over,
});

const method = (over: Partial<BillingMethod> = {}): BillingMethod => ({
  id: 'boleto',
  name: 'Boleto Bancário',
  active: true,
  sendRules: [rule()],
  ...over,
});

const customer = (over: Partial<Customer> = {}): Customer => ({
  id: 'c1',
  name: 'Maria da Silva',
  email: 'maria@cliente.example',
  active: true,
  emailOptOut: false,
  ...over,
});

/** A PIX code without amount: valid for any invoice, so every invoice here has a way to pay. */
const PIX = buildPixCode({
  key: 'financeiro@provedor.example',
  merchantName: 'PROVEDOR',
  merchantCity: 'SAO PAULO',
});

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  pixCode: PIX,
  id: 'f1',
  customerId: 'c1',
  billingMethodId: 'boleto',
  number: '2021-0001',
  issueDate: '2021-02-01',
  dueDate: '2021-02-20',
  amountCents: 9990,
  status: 'open',
  ...over,
});

interface Setup {
  runDate?: string;
  window?: PlanInput['window'];
  methods?: BillingMethod[];
  invoices?: Invoice[];
  customers?: Customer[];
  ledger?: Record<string, LedgerState>;
  pending?: PendingNotice[];
  /** Layouts marked as pure reminders. */
  reminders?: string[];
  /** Billing methods whose payments are stale. */
  held?: string[];
}

function plan(setup: Setup = {}) {
  const invoices = setup.invoices ?? [invoice()];
  const customers = setup.customers ?? [customer()];
  const runDate = setup.runDate ?? '2021-03-05';
  return planNotices({
    runDate,
    window: setup.window === undefined ? { from: runDate, to: runDate } : setup.window,
    billingMethods: setup.methods ?? [method()],
    invoices,
    invoiceById: (id) => invoices.find((i) => i.id === id),
    customerById: (id) => customers.find((c) => c.id === id),
    ledgerState: (key) => setup.ledger?.[key],
    pending: setup.pending,
    ...(setup.reminders ? { reminderLayout: (id: string) => setup.reminders!.includes(id) } : {}),
    heldMethods: setup.held ? new Set(setup.held) : undefined,
  });
}

const KEY = noticeKey({ invoiceId: 'f1', kind: 'after_due', days: 13, dueDate: '2021-02-20' });
const reasons = (p: ReturnType<typeof plan>) => p.skipped.map((s) => s.reason);

describe('planNotices: window', () => {
  it('the article example: after_due 13, due 2021-02-20, run on 2021-03-05 → one notice due', () => {
    const p = plan();
    expect(p.skipped).toEqual([]);
    expect(p.due).toEqual([
      {
        key: KEY,
        invoiceId: 'f1',
        customerId: 'c1',
        billingMethodId: 'boleto',
        ruleId: 'r1',
        kind: 'after_due',
        days: 13,
        layoutId: 'boleto-apos-vencimento',
        attachInvoice: true,
        dueDate: '2021-02-20',
        referenceDate: '2021-03-05',
        recipients: ['maria@cliente.example'],
        retry: false,
      },
    ]);
  });

  it('a one-day window matches only that exact reference date', () => {
    expect(plan({ runDate: '2021-03-04' }).due).toEqual([]);
    expect(plan({ runDate: '2021-03-06' }).due).toEqual([]);
    expect(plan({ runDate: '2021-03-05' }).due).toHaveLength(1);
  });

  it('a multi-day window includes reference dates on both ends and in between', () => {
    const invoices = [
      invoice({ id: 'a', dueDate: '2021-02-18' }), // ref 03-03: before the window
      invoice({ id: 'b', dueDate: '2021-02-19' }), // ref 03-04: first day
      invoice({ id: 'c', dueDate: '2021-02-20' }), // ref 03-05
      invoice({ id: 'd', dueDate: '2021-02-21' }), // ref 03-06: last day
      invoice({ id: 'e', dueDate: '2021-02-22' }), // ref 03-07: after the window
    ];
    const p = plan({ runDate: '2021-03-06', window: { from: '2021-03-04', to: '2021-03-06' }, invoices });
    expect(p.due.map((n) => [n.invoiceId, n.referenceDate])).toEqual([
      ['b', '2021-03-04'],
      ['c', '2021-03-05'],
      ['d', '2021-03-06'],
    ]);
    expect(p.skipped).toEqual([]);
  });

  it('each rule of the method is matched on its own reference date', () => {
    const methods = [
      method({
        sendRules: [
          rule({ id: 'antes', kind: 'before_due', days: 3 }),
          rule({ id: 'no', kind: 'on_due', days: 0 }),
          rule({ id: 'apos', kind: 'after_due', days: 2 }),
          rule({ id: 'emissao', kind: 'after_issue', days: 0 }),
        ],
      }),
    ];
    const at = (runDate: string) => plan({ runDate, methods }).due.map((n) => n.ruleId);
    expect(at('2021-02-01')).toEqual(['emissao']);
    expect(at('2021-02-17')).toEqual(['antes']);
    expect(at('2021-02-20')).toEqual(['no']);
    expect(at('2021-02-22')).toEqual(['apos']);
    expect(at('2021-02-21')).toEqual([]);
  });

  it('a null window plans nothing but pending retries', () => {
    expect(plan({ window: null })).toEqual({ due: [], skipped: [] });
  });

  it('invoices of billing methods the run does not serve are ignored entirely (not even skipped)', () => {
    const p = plan({
      invoices: [invoice({ billingMethodId: 'pix' }), invoice({ id: 'f2' })],
      methods: [method()],
    });
    expect(p.due.map((n) => n.invoiceId)).toEqual(['f2']);
    expect(p.skipped).toEqual([]);
  });

  it('a renegotiated due date gives a new key, so a notice already sent for the old date is sent again', () => {
    const p = plan({
      runDate: '2021-03-12',
      invoices: [invoice({ dueDate: '2021-02-27' })],
      ledger: { [KEY]: 'sent' },
    });
    expect(p.due.map((n) => n.key)).toEqual([
      noticeKey({ invoiceId: 'f1', kind: 'after_due', days: 13, dueDate: '2021-02-27' }),
    ]);
    expect(p.due[0]!.key).not.toBe(KEY);
  });

  it('splits multiple recipients on "," and ";", trims them and drops duplicates', () => {
    const p = plan({
      customers: [
        customer({
          email:
            'maria@cliente.example; joao@cliente.example ,financeiro@empresa.example;maria@cliente.example',
        }),
      ],
    });
    expect(p.due[0]!.recipients).toEqual([
      'maria@cliente.example',
      'joao@cliente.example',
      'financeiro@empresa.example',
    ]);
  });

  it('sends to the valid addresses when only some are invalid', () => {
    const p = plan({ customers: [customer({ email: 'maria@cliente.example, não-é-email' })] });
    expect(p.due[0]!.recipients).toEqual(['maria@cliente.example']);
  });

  it('carries the rule layout and attachInvoice into the notice', () => {
    const p = plan({ methods: [method({ sendRules: [rule({ layoutId: 'outro', attachInvoice: false })] })] });
    expect(p.due[0]).toMatchObject({ layoutId: 'outro', attachInvoice: false });
  });
});

describe('planNotices: skip reasons', () => {
  const skipped = (setup: Setup) => {
    const p = plan(setup);
    expect(p.due).toEqual([]);
    expect(p.skipped).toHaveLength(1);
    return p.skipped[0]!;
  };

  it.each([
    ['sent', 'already_sent'],
    ['failed', 'already_failed'],
    ['uncertain', 'uncertain'],
    ['sending', 'uncertain'],
    ['bounced', 'already_bounced'],
  ] as const)('ledger state %s → %s', (state, reason) => {
    expect(skipped({ ledger: { [KEY]: state } })).toMatchObject({ key: KEY, reason, retry: false });
  });

  it.each(['pending', 'skipped'] as const)('ledger state %s does not block the notice', (state) => {
    expect(plan({ ledger: { [KEY]: state } }).due).toHaveLength(1);
  });

  it('paid invoice → invoice_paid', () =>
    expect(skipped({ invoices: [invoice({ status: 'paid' })] }).reason).toBe('invoice_paid'));

  it('cancelled invoice → invoice_cancelled', () =>
    expect(skipped({ invoices: [invoice({ status: 'cancelled' })] }).reason).toBe('invoice_cancelled'));

  it('inactive billing method → billing_method_inactive', () =>
    expect(skipped({ methods: [method({ active: false })] }).reason).toBe('billing_method_inactive'));

  it('inactive rule → rule_inactive', () =>
    expect(skipped({ methods: [method({ sendRules: [rule({ active: false })] })] }).reason).toBe(
      'rule_inactive',
    ));

  it('missing customer → customer_not_found', () =>
    expect(skipped({ customers: [] })).toMatchObject({ reason: 'customer_not_found', customerId: 'c1' }));

  it('inactive customer → customer_inactive', () =>
    expect(skipped({ customers: [customer({ active: false })] }).reason).toBe('customer_inactive'));

  it('opted-out customer → customer_opted_out', () =>
    expect(skipped({ customers: [customer({ emailOptOut: true })] }).reason).toBe('customer_opted_out'));

  it.each([null, undefined, '', ' ; , '])('customer e-mail %j → customer_no_email', (email) =>
    expect(skipped({ customers: [customer({ email })] }).reason).toBe('customer_no_email'),
  );

  it('only invalid addresses → customer_invalid_email', () =>
    expect(skipped({ customers: [customer({ email: 'maria@, joao' })] }).reason).toBe(
      'customer_invalid_email',
    ));

  it('an address a notice bounced from for good is left out; the others still get the notice', () => {
    const bouncedEmails = [
      { address: 'Maria@Cliente.example', reason: 'caixa inexistente', at: '2021-03-01T10:00:00Z' },
    ];
    const p = plan({
      customers: [customer({ email: 'maria@cliente.example; financeiro@maria.example', bouncedEmails })],
    });
    expect(p.due.map((n) => n.recipients)).toEqual([['financeiro@maria.example']]);
  });

  it('only bounced addresses → customer_email_bounced, until the address is edited', () => {
    const bouncedEmails = [
      { address: 'maria@cliente.example', reason: 'caixa inexistente', at: '2021-03-01T10:00:00Z' },
    ];
    expect(skipped({ customers: [customer({ bouncedEmails })] }).reason).toBe('customer_email_bounced');
    // A mark for an address no longer in the field does not count.
    expect(
      plan({ customers: [customer({ email: 'maria.silva@cliente.example', bouncedEmails })] }).due,
    ).toHaveLength(1);
  });

  it('before_due caught up on the due date → due_date_passed', () => {
    const methods = [method({ sendRules: [rule({ kind: 'before_due', days: 2 })] })];
    // reference date 2021-02-18, covered by a catch-up run on the due date itself
    const s = skipped({ runDate: '2021-02-20', window: { from: '2021-02-14', to: '2021-02-20' }, methods });
    expect(s).toMatchObject({ reason: 'due_date_passed', referenceDate: '2021-02-18' });
  });

  it('before_due caught up after the due date → due_date_passed', () => {
    const methods = [method({ sendRules: [rule({ kind: 'before_due', days: 2 })] })];
    const s = skipped({ runDate: '2021-02-22', window: { from: '2021-02-16', to: '2021-02-22' }, methods });
    expect(s.reason).toBe('due_date_passed');
  });

  it('before_due caught up the day before the due date is still sent', () => {
    const methods = [method({ sendRules: [rule({ kind: 'before_due', days: 2 })] })];
    const p = plan({ runDate: '2021-02-19', window: { from: '2021-02-17', to: '2021-02-19' }, methods });
    expect(p.due.map((n) => n.referenceDate)).toEqual(['2021-02-18']);
  });

  it('on_due and after_due are not subject to due_date_passed', () => {
    const methods = [method({ sendRules: [rule({ kind: 'on_due', days: 0 })] })];
    expect(plan({ runDate: '2021-02-20', methods }).due).toHaveLength(1);
  });

  it('a skipped notice carries the identity of the pair', () => {
    expect(skipped({ invoices: [invoice({ status: 'paid' })] })).toEqual({
      key: KEY,
      invoiceId: 'f1',
      customerId: 'c1',
      billingMethodId: 'boleto',
      ruleId: 'r1',
      kind: 'after_due',
      days: 13,
      dueDate: '2021-02-20',
      referenceDate: '2021-03-05',
      retry: false,
      reason: 'invoice_paid',
    });
  });
});

describe('planNotices: no way to pay', () => {
  const unpayable = invoice({ pixCode: null, digitableLine: null, pdfPath: null });
  const LINE = buildBankLine({
    bankCode: '237',
    dueDate: '2021-02-20',
    amountCents: 9990,
    freeField: '3381090000000000101234560',
  });

  it('an invoice without linha digitável, PIX or own PDF → no_payment_means, nothing due', () => {
    const p = plan({ invoices: [unpayable] });
    expect(p.due).toEqual([]);
    expect(p.skipped).toMatchObject([{ key: KEY, reason: 'no_payment_means', retry: false }]);
  });

  it.each([
    ['a linha digitável', { digitableLine: LINE }],
    ['a PIX code', { pixCode: PIX }],
    ['its own PDF', { pdfPath: '/faturas/f1.pdf' }],
  ])('any one way to pay is enough: %s', (_what, fields) => {
    expect(plan({ invoices: [{ ...unpayable, ...fields }] }).due).toHaveLength(1);
  });

  it('an own PDF the rule does not attach is no way to pay', () => {
    const methods = [method({ sendRules: [rule({ attachInvoice: false })] })];
    const p = plan({ methods, invoices: [{ ...unpayable, pdfPath: '/faturas/f1.pdf' }] });
    expect(reasons(p)).toEqual(['no_payment_means']);
  });

  it('blank codes count as none', () => {
    expect(reasons(plan({ invoices: [{ ...unpayable, digitableLine: '  ', pixCode: '' }] }))).toEqual([
      'no_payment_means',
    ]);
  });

  it("a rule whose layout is a pure reminder sends anyway; another rule's layout does not", () => {
    expect(plan({ invoices: [unpayable], reminders: ['boleto-apos-vencimento'] }).due).toHaveLength(1);
    expect(reasons(plan({ invoices: [unpayable], reminders: ['lembrete'] }))).toEqual(['no_payment_means']);
  });

  it('says the more telling reason first: paid, opted out, no e-mail', () => {
    expect(reasons(plan({ invoices: [{ ...unpayable, status: 'paid' }] }))).toEqual(['invoice_paid']);
    expect(reasons(plan({ invoices: [unpayable], customers: [customer({ emailOptOut: true })] }))).toEqual([
      'customer_opted_out',
    ]);
    expect(reasons(plan({ invoices: [unpayable], customers: [customer({ email: null })] }))).toEqual([
      'customer_no_email',
    ]);
  });

  it('a pending retry whose invoice lost its codes is skipped as a retry', () => {
    const p = plan({
      window: null,
      invoices: [unpayable],
      pending: [
        {
          key: KEY,
          invoiceId: 'f1',
          kind: 'after_due',
          days: 13,
          dueDate: '2021-02-20',
          referenceDate: '2021-03-05',
        },
      ],
    });
    expect(p.skipped).toMatchObject([{ key: KEY, reason: 'no_payment_means', retry: true }]);
  });
});

describe('planNotices: precedence of skip reasons', () => {
  const everythingWrong: Setup = {
    runDate: '2021-02-20',
    window: { from: '2021-02-14', to: '2021-02-20' },
    invoices: [invoice({ status: 'paid' })],
    methods: [method({ active: false, sendRules: [rule({ kind: 'before_due', days: 2, active: false })] })],
    customers: [customer({ active: false, emailOptOut: true, email: 'ruim' })],
    ledger: { [noticeKey({ invoiceId: 'f1', kind: 'before_due', days: 2, dueDate: '2021-02-20' })]: 'sent' },
  };
  const reasonOf = (setup: Setup) => reasons(plan(setup));

  it('ledger state comes first', () => expect(reasonOf(everythingWrong)).toEqual(['already_sent']));

  it('then invoice status (paid before cancelled is irrelevant: one status)', () => {
    expect(reasonOf({ ...everythingWrong, ledger: {} })).toEqual(['invoice_paid']);
    expect(
      reasonOf({ ...everythingWrong, ledger: {}, invoices: [invoice({ status: 'cancelled' })] }),
    ).toEqual(['invoice_cancelled']);
  });

  it('then billing method, then rule', () => {
    const base = { ...everythingWrong, ledger: {}, invoices: [invoice()] };
    expect(reasonOf(base)).toEqual(['billing_method_inactive']);
    expect(
      reasonOf({
        ...base,
        methods: [method({ sendRules: [rule({ kind: 'before_due', days: 2, active: false })] })],
      }),
    ).toEqual(['rule_inactive']);
  });

  it('then the customer: missing, inactive, opted out, e-mail', () => {
    const base: Setup = {
      ...everythingWrong,
      ledger: {},
      invoices: [invoice()],
      methods: [method({ sendRules: [rule({ kind: 'before_due', days: 2 })] })],
    };
    expect(reasonOf({ ...base, customers: [] })).toEqual(['customer_not_found']);
    expect(reasonOf(base)).toEqual(['customer_inactive']);
    expect(reasonOf({ ...base, customers: [customer({ emailOptOut: true, email: 'ruim' })] })).toEqual([
      'customer_opted_out',
    ]);
    expect(reasonOf({ ...base, customers: [customer({ email: 'ruim' })] })).toEqual([
      'customer_invalid_email',
    ]);
    expect(reasonOf({ ...base, customers: [customer()] })).toEqual(['due_date_passed']);
  });
});

describe('planNotices: pending retries', () => {
  const pendingOf = (over: Partial<PendingNotice> = {}): PendingNotice => ({
    key: KEY,
    invoiceId: 'f1',
    kind: 'after_due',
    days: 13,
    dueDate: '2021-02-20',
    referenceDate: '2021-03-05',
    ...over,
  });

  it('is included even when its reference date is outside the window, marked retry', () => {
    const p = plan({ runDate: '2021-03-08', pending: [pendingOf()], ledger: { [KEY]: 'pending' } });
    expect(p.skipped).toEqual([]);
    expect(p.due).toHaveLength(1);
    expect(p.due[0]).toMatchObject({
      key: KEY,
      retry: true,
      referenceDate: '2021-03-05',
      ruleId: 'r1',
      recipients: ['maria@cliente.example'],
    });
  });

  it('is planned with a null window (retry-only run)', () => {
    const p = plan({ window: null, pending: [pendingOf()], ledger: { [KEY]: 'pending' } });
    expect(p.due.map((n) => [n.key, n.retry])).toEqual([[KEY, true]]);
  });

  it('is not duplicated when the same key is also in the window', () => {
    const p = plan({ runDate: '2021-03-05', pending: [pendingOf()], ledger: { [KEY]: 'pending' } });
    expect(p.due).toHaveLength(1);
    expect(p.due[0]!.retry).toBe(false);
    expect(p.skipped).toEqual([]);
  });

  it('appears once when listed twice', () => {
    const p = plan({ window: null, pending: [pendingOf(), pendingOf()] });
    expect(p.due).toHaveLength(1);
  });

  it('due date moved since → skipped due_date_changed', () => {
    const p = plan({
      runDate: '2021-03-08',
      invoices: [invoice({ dueDate: '2021-02-27' })],
      pending: [pendingOf()],
    });
    expect(p.due).toEqual([]);
    expect(p.skipped).toEqual([
      {
        key: KEY,
        invoiceId: 'f1',
        customerId: 'c1',
        billingMethodId: 'boleto',
        ruleId: 'r1',
        kind: 'after_due',
        days: 13,
        dueDate: '2021-02-20',
        referenceDate: '2021-03-05',
        retry: true,
        reason: 'due_date_changed',
      },
    ]);
  });

  it('rule no longer on the method → skipped rule_removed', () => {
    const p = plan({
      runDate: '2021-03-08',
      methods: [method({ sendRules: [rule({ id: 'r9', days: 10 })] })],
      pending: [pendingOf()],
    });
    expect(p.due).toEqual([]);
    expect(p.skipped).toEqual([
      expect.objectContaining({ key: KEY, reason: 'rule_removed', ruleId: '', retry: true }),
    ]);
  });

  it('invoice gone → skipped invoice_not_found', () => {
    const p = plan({ runDate: '2021-03-08', invoices: [], pending: [pendingOf()] });
    expect(p.skipped).toEqual([
      expect.objectContaining({
        key: KEY,
        invoiceId: 'f1',
        reason: 'invoice_not_found',
        customerId: '',
        billingMethodId: '',
        retry: true,
      }),
    ]);
    expect(p.due).toEqual([]);
  });

  it('invoice_not_found takes precedence over a changed due date or removed rule', () => {
    const p = plan({
      window: null,
      invoices: [],
      methods: [method({ sendRules: [] })],
      pending: [pendingOf()],
    });
    expect(reasons(p)).toEqual(['invoice_not_found']);
  });

  it('due_date_changed takes precedence over rule_removed', () => {
    const p = plan({
      window: null,
      invoices: [invoice({ dueDate: '2021-02-27' })],
      methods: [method({ sendRules: [] })],
      pending: [pendingOf()],
    });
    expect(reasons(p)).toEqual(['due_date_changed']);
  });

  it('is ignored when the invoice billing method is not among those served', () => {
    const p = plan({
      window: null,
      invoices: [invoice({ billingMethodId: 'pix' })],
      methods: [method()],
      pending: [pendingOf()],
    });
    expect(p).toEqual({ due: [], skipped: [] });
  });

  it('goes through the ordinary skip rules (e.g. invoice paid meanwhile)', () => {
    const p = plan({ window: null, invoices: [invoice({ status: 'paid' })], pending: [pendingOf()] });
    expect(p.skipped).toEqual([expect.objectContaining({ key: KEY, reason: 'invoice_paid', retry: true })]);
  });
});

describe('planNotices: the freshness guard', () => {
  const rules = [
    rule({ id: 'antes', kind: 'before_due', days: 5, layoutId: 'x' }),
    rule({ id: 'no', kind: 'on_due', days: 0, layoutId: 'x' }),
    rule({ id: 'apos', kind: 'after_due', days: 3, layoutId: 'x' }),
  ];
  const wide = { from: '2021-02-01', to: '2021-03-05' };

  it('holds only the after-due notices of a method whose payments are stale', () => {
    const p = plan({ methods: [method({ sendRules: rules })], window: wide, held: ['boleto'] });
    expect(p.due.map((n) => n.kind)).toEqual(['on_due']);
    expect(p.skipped.map((s) => [s.kind, s.reason])).toEqual([
      ['before_due', 'due_date_passed'],
      ['after_due', 'payments_stale'],
    ]);
    const beforeDue = plan({
      methods: [method({ sendRules: rules })],
      runDate: '2021-02-15',
      window: { from: '2021-02-15', to: '2021-02-15' },
      held: ['boleto'],
    });
    expect(beforeDue.due.map((n) => n.kind)).toEqual(['before_due']);
  });

  it('holds nothing of another method, and a paid invoice is "fatura paga", not held', () => {
    expect(plan({ methods: [method({ sendRules: rules })], window: wide, held: ['pix'] }).due).toHaveLength(
      2,
    );
    const paid = plan({
      methods: [method({ sendRules: rules })],
      window: wide,
      held: ['boleto'],
      invoices: [invoice({ status: 'paid' })],
    });
    expect(reasons(paid)).toEqual(['invoice_paid', 'invoice_paid', 'invoice_paid']);
  });

  it('a held notice retried from the ledger is held again while stale, then due', () => {
    const pending: PendingNotice[] = [
      {
        key: KEY,
        invoiceId: 'f1',
        kind: 'after_due',
        days: 13,
        dueDate: '2021-02-20',
        referenceDate: '2021-03-05',
      },
    ];
    const later = { runDate: '2021-03-20', window: { from: '2021-03-20', to: '2021-03-20' }, pending };
    expect(plan({ ...later, held: ['boleto'] }).skipped).toEqual([
      expect.objectContaining({ key: KEY, reason: 'payments_stale', retry: true }),
    ]);
    expect(plan(later).due).toEqual([expect.objectContaining({ key: KEY, retry: true })]);
  });
});
