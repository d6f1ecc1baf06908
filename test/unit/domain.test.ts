import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildBankLine, buildPixCode } from '../../shared/br';
import {
  billingMethodSchema,
  companySchema,
  customerSchema,
  duplicateRuleMessage,
  holidaySchema,
  invoiceSchema,
  routineSchema,
  scheduleSchema,
  sendRuleSchema,
  smtpAccountSchema,
} from '../../shared/domain';

/** [path, message] of every issue, or [] when the value parses. */
function issues(schema: z.ZodType, value: unknown): [string, string][] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
}
const messagesAt = (schema: z.ZodType, value: unknown, path: string) =>
  issues(schema, value)
    .filter(([p]) => p === path)
    .map(([, m]) => m);

const rule = (over: Record<string, unknown> = {}) => ({
  id: 'r1',
  kind: 'after_due',
  days: 13,
  layoutId: 'boleto-apos-vencimento',
  ...over,
});

describe('send rule: days per kind', () => {
  it.each([
    ['before_due', 1],
    ['before_due', 365],
    ['on_due', 0],
    ['after_due', 1],
    ['after_due', 13],
    ['after_issue', 0],
    ['after_issue', 30],
    ['after_issue', 365],
  ])('%s with %i day(s) is accepted', (kind, days) => {
    expect(issues(sendRuleSchema, rule({ kind, days }))).toEqual([]);
  });

  it('before_due needs 1 to 365 days', () => {
    expect(issues(sendRuleSchema, rule({ kind: 'before_due', days: 0 }))).toEqual([
      ['days', 'Dias para Envio deve ser de 1 a 365 em Envio antes do Vencimento'],
    ]);
  });

  it('after_due needs 1 to 365 days', () => {
    expect(issues(sendRuleSchema, rule({ kind: 'after_due', days: 0 }))).toEqual([
      ['days', 'Dias para Envio deve ser de 1 a 365 em Envio após Vencido'],
    ]);
  });

  it('on_due uses exactly 0 days', () => {
    expect(issues(sendRuleSchema, rule({ kind: 'on_due', days: 1 }))).toEqual([
      ['days', 'Envio no Vencimento usa 0 dias'],
    ]);
  });

  it('a negative number is refused with the range, never turned positive', () => {
    expect(messagesAt(sendRuleSchema, rule({ kind: 'after_issue', days: -5 }), 'days')).toEqual([
      'Dias para Envio deve ser de 0 a 365 em Envio após Emissão',
    ]);
  });

  it('more than 365 days is refused with the range, never cut to 365', () => {
    expect(messagesAt(sendRuleSchema, rule({ kind: 'after_due', days: 9999 }), 'days')).toEqual([
      'Dias para Envio deve ser de 1 a 365 em Envio após Vencido',
    ]);
  });

  it('days must be an integer number', () => {
    expect(messagesAt(sendRuleSchema, rule({ days: 1.5 }), 'days')).toEqual([
      'Dias para Envio deve ser um número inteiro',
    ]);
    expect(messagesAt(sendRuleSchema, rule({ days: '13' }), 'days')).toContain(
      'Dias para Envio deve ser um número',
    );
  });

  it('an unknown kind is refused listing the four kinds', () => {
    expect(messagesAt(sendRuleSchema, rule({ kind: 'after_payment' }), 'kind')).toEqual([
      'regra de envio deve ser before_due, on_due, after_due ou after_issue',
    ]);
  });

  it('defaults: attachInvoice true, active true, days 0 (valid for on_due)', () => {
    expect(sendRuleSchema.parse({ id: 'r', kind: 'on_due', layoutId: 'l' })).toEqual({
      id: 'r',
      kind: 'on_due',
      days: 0,
      layoutId: 'l',
      attachInvoice: true,
      active: true,
    });
  });
});

describe('billing method: rules', () => {
  const method = (sendRules: unknown[]) => ({ id: 'boleto', name: 'Boleto Bancário', sendRules });

  it('a second rule with the same (kind, days) is refused naming the existing rule', () => {
    const found = issues(
      billingMethodSchema,
      method([rule({ id: 'r1' }), rule({ id: 'r2', layoutId: 'outro', attachInvoice: false })]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toBe('sendRules.1.days');
    expect(found[0]![1]).toBe('já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança');
    expect(found[0]![1]).toBe(duplicateRuleMessage({ kind: 'after_due', days: 13 }));
  });

  it('same kind with different days, and same days with different kinds, are accepted', () => {
    expect(
      issues(
        billingMethodSchema,
        method([
          rule({ id: 'r1', days: 13 }),
          rule({ id: 'r2', days: 30 }),
          rule({ id: 'r3', kind: 'before_due', days: 13 }),
          rule({ id: 'r4', kind: 'after_issue', days: 13 }),
        ]),
      ),
    ).toEqual([]);
  });

  it('a repeated rule id is refused', () => {
    expect(issues(billingMethodSchema, method([rule({ id: 'r1' }), rule({ id: 'r1', days: 30 })]))).toEqual([
      ['sendRules.1.id', 'id de regra repetido: r1'],
    ]);
  });

  it('defaults: active true, no rules', () => {
    expect(billingMethodSchema.parse({ id: 'pix', name: 'PIX' })).toEqual({
      id: 'pix',
      name: 'PIX',
      active: true,
      sendRules: [],
    });
  });
});

describe('routine', () => {
  const routine = (over: Record<string, unknown> = {}) => ({
    id: 'diaria',
    description: 'Envio de faturas',
    task: 'send_email',
    smtpAccountId: 'principal',
    schedule: { frequency: 'daily', time: '08:10:00' },
    ...over,
  });

  it('defaults: active, not on holidays, catch-up on for 7 days, all billing methods', () => {
    expect(routineSchema.parse(routine())).toEqual({
      id: 'diaria',
      description: 'Envio de faturas',
      task: 'send_email',
      smtpAccountId: 'principal',
      schedule: { frequency: 'daily', time: '08:10:00' },
      active: true,
      runOnHolidays: false,
      catchUp: true,
      catchUpDays: 7,
      billingMethodIds: [],
    });
  });

  it.each(['8:10:00', '08:10', '24:00:00', '08:60:00', '08:10:60', '08h10'])('time %j is refused', (time) => {
    expect(issues(scheduleSchema, { frequency: 'daily', time })).toEqual([
      ['time', 'horário inválido (use HH:MM:SS)'],
    ]);
  });

  it.each(['00:00:00', '23:59:59', '08:10:00'])('time %s is accepted', (time) => {
    expect(issues(scheduleSchema, { frequency: 'daily', time })).toEqual([]);
  });

  it('weekdays go from 1 to 7 and at least one is required', () => {
    const weekly = (weekdays: unknown) => ({ frequency: 'weekly', time: '08:10:00', weekdays });
    expect(issues(scheduleSchema, weekly([1, 7]))).toEqual([]);
    expect(issues(scheduleSchema, weekly([0, 8]))).toEqual([
      ['weekdays.0', 'dia da semana vai de 1 (segunda) a 7 (domingo)'],
      ['weekdays.1', 'dia da semana vai de 1 (segunda) a 7 (domingo)'],
    ]);
    expect(issues(scheduleSchema, weekly([]))).toEqual([['weekdays', 'escolha ao menos um dia da semana']]);
  });

  it('month days go from 1 to 31 and at least one is required', () => {
    const monthly = (monthDays: unknown) => ({ frequency: 'monthly', time: '08:10:00', monthDays });
    expect(issues(scheduleSchema, monthly([1, 31]))).toEqual([]);
    expect(issues(scheduleSchema, monthly([0, 32]))).toEqual([
      ['monthDays.0', 'dia do mês vai de 1 a 31'],
      ['monthDays.1', 'dia do mês vai de 1 a 31'],
    ]);
    expect(issues(scheduleSchema, monthly([]))).toEqual([['monthDays', 'escolha ao menos um dia do mês']]);
  });

  it('an unknown frequency is refused in Portuguese', () => {
    expect(issues(scheduleSchema, { frequency: 'hourly', time: '08:10:00' })).toEqual([
      ['frequency', 'frequência deve ser daily, weekly ou monthly'],
    ]);
  });

  it('unknown fields are refused in the schedule and in the routine', () => {
    expect(
      issues(routineSchema, routine({ schedule: { frequency: 'daily', time: '08:10:00', hora: 8 } })),
    ).toEqual([['schedule', 'Chave inválida: "hora"']]);
    expect(issues(routineSchema, routine({ horario: '08:10' }))).toEqual([['', 'Chave inválida: "horario"']]);
  });

  it('weekdays on a daily schedule are an unknown field', () => {
    expect(issues(scheduleSchema, { frequency: 'daily', time: '08:10:00', weekdays: [1] })).toHaveLength(1);
  });

  it('catchUpDays goes from 1 to 31', () => {
    expect(messagesAt(routineSchema, routine({ catchUpDays: 0 }), 'catchUpDays')).toEqual([
      'recuperação mínima de 1 dia',
    ]);
    expect(messagesAt(routineSchema, routine({ catchUpDays: 32 }), 'catchUpDays')).toEqual([
      'recuperação máxima de 31 dias',
    ]);
  });

  it('an unknown task is refused', () => {
    expect(issues(routineSchema, routine({ task: 'send_sms' }))).toEqual([
      ['task', 'tarefa deve ser send_email ou import_files'],
    ]);
  });

  it('"Importar arquivos" needs a full folder path; the rest has defaults', () => {
    const { smtpAccountId: _a, ...common } = routine();
    const imports = (over: Record<string, unknown>) => ({ ...common, task: 'import_files', ...over });
    expect(routineSchema.parse(imports({ folder: 'C:\\ERP\\exportacoes' }))).toMatchObject({
      fileType: 'auto',
      onlyValid: false,
      watch: true,
    });
    expect(issues(routineSchema, imports({ folder: 'exportacoes' }))).toEqual([
      ['folder', 'informe o caminho completo da pasta (ex.: /home/financeiro/boletos)'],
    ]);
    expect(issues(routineSchema, imports({ folder: '/srv/erp', smtpAccountId: 'principal' }))[0]![0]).toBe(
      '',
    );
  });
});

describe('invoice', () => {
  const invoice = (over: Record<string, unknown> = {}) => ({
    id: 'f1',
    customerId: 'c1',
    billingMethodId: 'boleto',
    number: '2021-0001',
    issueDate: '2021-02-01',
    dueDate: '2021-02-20',
    amountCents: 9990,
    ...over,
  });

  it('defaults status to open', () => {
    expect(invoiceSchema.parse(invoice()).status).toBe('open');
  });

  const line = (amountCents: number | null, dueDate: string | null) =>
    buildBankLine({ bankCode: '237', dueDate, amountCents, freeField: '3381090000000504201234560' });
  const pix = (amountCents: number | null) =>
    buildPixCode({ key: 'financeiro@provedor.example', merchantName: 'P', merchantCity: 'SP', amountCents });

  it('a linha digitável must check, and carry the invoice amount and due date when it has them', () => {
    expect(issues(invoiceSchema, invoice({ digitableLine: line(9990, '2021-02-20') }))).toEqual([]);
    expect(issues(invoiceSchema, invoice({ digitableLine: line(null, null) }))).toEqual([]);
    expect(issues(invoiceSchema, invoice({ digitableLine: '' }))).toEqual([]);
    expect(issues(invoiceSchema, invoice({ digitableLine: line(9990, '2021-02-21') }))).toEqual([
      [
        'digitableLine',
        'linha digitável com vencimento 21/02/2021, diferente do vencimento da fatura 20/02/2021',
      ],
    ]);
    expect(
      issues(invoiceSchema, invoice({ amountCents: 10000, digitableLine: line(9990, '2021-02-20') })),
    ).toEqual([
      ['digitableLine', 'linha digitável com valor R$ 99,90, diferente do valor da fatura R$ 100,00'],
    ]);
    expect(
      issues(
        invoiceSchema,
        invoice({ digitableLine: '23793.38128 60082.677099 32000.063305 8 13990000009990' }),
      ),
    ).toEqual([['digitableLine', 'linha digitável inválida: o dígito verificador do campo 2 não confere']]);
  });

  it('a PIX copia e cola must check, and carry the invoice amount when it has one', () => {
    expect(issues(invoiceSchema, invoice({ pixCode: pix(9990) }))).toEqual([]);
    expect(issues(invoiceSchema, invoice({ pixCode: pix(null) }))).toEqual([]);
    expect(issues(invoiceSchema, invoice({ amountCents: 10000, pixCode: pix(9990) }))).toEqual([
      ['pixCode', 'PIX copia e cola com valor R$ 99,90, diferente do valor da fatura R$ 100,00'],
    ]);
    expect(issues(invoiceSchema, invoice({ pixCode: `${pix(9990).slice(0, -4)}0000` }))).toEqual([
      [
        'pixCode',
        'PIX copia e cola inválido: o CRC (campo 63) não confere — o código foi alterado ou copiado pela metade',
      ],
    ]);
  });

  it('carries the nosso número and a payment', () => {
    const payment = {
      date: '2021-02-19',
      amountCents: 9990,
      source: 'retorno',
      reference: 'CB0102.RET linha 3',
    };
    const parsed = invoiceSchema.parse(invoice({ status: 'paid', nossoNumero: '00000504201', payment }));
    expect(parsed).toMatchObject({ nossoNumero: '00000504201', payment });
    expect(issues(invoiceSchema, invoice({ payment: { ...payment, source: 'banco' } }))).toEqual([
      ['payment.source', 'origem do pagamento deve ser retorno, file ou manual'],
    ]);
    expect(issues(invoiceSchema, invoice({ payment: { ...payment, date: '19/02/2021' } }))).toEqual([
      ['payment.date', 'data inválida (use AAAA-MM-DD, uma data que exista)'],
    ]);
  });

  it('a due date before the issue date is refused on dueDate', () => {
    expect(issues(invoiceSchema, invoice({ issueDate: '2021-02-21' }))).toEqual([
      ['dueDate', 'vencimento anterior à emissão'],
    ]);
  });

  it('due on the issue date is accepted', () => {
    expect(issues(invoiceSchema, invoice({ issueDate: '2021-02-20' }))).toEqual([]);
  });

  it.each(['2021-02-30', '2021-2-20'])('a due date %j that is not a real date is refused', (dueDate) => {
    expect(messagesAt(invoiceSchema, invoice({ dueDate }), 'dueDate')).toEqual([
      'data inválida (use AAAA-MM-DD, uma data que exista)',
    ]);
  });

  // The dueDate >= issueDate refinement compares raw strings even when a date failed to parse, so a
  // malformed date that sorts low gets a second, false message.
  it.each(['20/02/2021', ''])(
    'a malformed due date %j gets only the date message, not "anterior à emissão"',
    (dueDate) => {
      expect(messagesAt(invoiceSchema, invoice({ dueDate }), 'dueDate')).toEqual([
        'data inválida (use AAAA-MM-DD, uma data que exista)',
      ]);
    },
  );

  it('a malformed issue date is reported on issueDate and does not blame the due date', () => {
    expect(issues(invoiceSchema, invoice({ issueDate: '2021-13-01' }))).toEqual([
      ['issueDate', 'data inválida (use AAAA-MM-DD, uma data que exista)'],
    ]);
  });

  it('amounts are integer, non-negative cents', () => {
    expect(messagesAt(invoiceSchema, invoice({ amountCents: 99.9 }), 'amountCents')).toEqual([
      'valor (amountCents) deve ser um número inteiro de centavos',
    ]);
    expect(messagesAt(invoiceSchema, invoice({ amountCents: -1 }), 'amountCents')).toEqual([
      'valor não pode ser negativo',
    ]);
  });

  it('an unknown status is refused', () => {
    expect(messagesAt(invoiceSchema, invoice({ status: 'overdue' }), 'status')).toEqual([
      'situação deve ser open, paid ou cancelled',
    ]);
  });

  it('blank ids and numbers are refused after trimming', () => {
    expect(messagesAt(invoiceSchema, invoice({ id: '  ' }), 'id')).toEqual(['informe o identificador']);
    expect(messagesAt(invoiceSchema, invoice({ number: '' }), 'number')).toEqual([
      'informe o número da fatura',
    ]);
  });
});

describe('customer', () => {
  const customer = (over: Record<string, unknown> = {}) => ({ id: 'c1', name: 'Maria da Silva', ...over });

  it('defaults: active, not opted out', () => {
    expect(customerSchema.parse(customer())).toEqual({
      id: 'c1',
      name: 'Maria da Silva',
      active: true,
      emailOptOut: false,
    });
  });

  it('an e-mail list with one bad address is refused naming it', () => {
    expect(
      issues(
        customerSchema,
        customer({ email: 'maria@cliente.example; maria-sem-arroba, joao@cliente.example' }),
      ),
    ).toEqual([['email', 'e-mail inválido: maria-sem-arroba']]);
  });

  it('an e-mail list of valid addresses, empty or null e-mail are accepted', () => {
    expect(
      issues(customerSchema, customer({ email: 'maria@cliente.example; joao@cliente.example' })),
    ).toEqual([]);
    expect(issues(customerSchema, customer({ email: '' }))).toEqual([]);
    expect(issues(customerSchema, customer({ email: null }))).toEqual([]);
  });

  it('CPF/CNPJ must have 11 or 14 characters and check digits that agree', () => {
    expect(issues(customerSchema, customer({ document: '123.456.789-09' }))).toEqual([]);
    expect(issues(customerSchema, customer({ document: '12.345.678/0001-95' }))).toEqual([]);
    expect(issues(customerSchema, customer({ document: '12.ABC.345/01DE-35' }))).toEqual([]);
    expect(issues(customerSchema, customer({ document: '' }))).toEqual([]);
    expect(issues(customerSchema, customer({ document: '123.456.789' }))).toEqual([
      ['document', 'CPF/CNPJ inválido: tem 9 dígitos (CPF tem 11, CNPJ 14)'],
    ]);
    expect(issues(customerSchema, customer({ document: '123.456.789-00' }))).toEqual([
      ['document', 'CPF inválido: dígitos verificadores não conferem'],
    ]);
    expect(issues(customerSchema, customer({ document: '111.111.111-11' }))).toEqual([
      ['document', 'CPF inválido: todos os dígitos iguais'],
    ]);
    expect(issues(customerSchema, customer({ document: '12.345.678/0001-00' }))).toEqual([
      ['document', 'CNPJ inválido: dígitos verificadores não conferem'],
    ]);
  });

  it('a phone is a Brazilian number with DDD', () => {
    expect(issues(customerSchema, customer({ phone: '(11) 98765-4321' }))).toEqual([]);
    expect(issues(customerSchema, customer({ phone: '+55 11 4000-1234' }))).toEqual([]);
    expect(issues(customerSchema, customer({ phone: 'abc' }))).toEqual([
      ['phone', 'telefone inválido: use DDD e número, ex.: (11) 98765-4321'],
    ]);
    expect(issues(customerSchema, customer({ phone: '98765-4321' }))).toEqual([
      ['phone', 'telefone inválido: 9 dígitos (use DDD e número, ex.: (11) 98765-4321)'],
    ]);
  });

  it('an address is optional, strict, and keeps the CEP as 8 digits', () => {
    const address = {
      street: 'Rua A',
      number: '10',
      district: 'Centro',
      city: 'Campinas',
      state: 'SP',
      zip: '13010-100',
    };
    expect(customerSchema.parse(customer({ address })).address).toEqual({ ...address, zip: '13010100' });
    expect(issues(customerSchema, customer({ address: { ...address, zip: '1301' } }))).toEqual([
      ['address.zip', 'CEP inválido: deve ter 8 dígitos (ex.: 01310-100)'],
    ]);
    expect(issues(customerSchema, customer({ address: { ...address, state: 'XX' } }))).toEqual([
      ['address.state', 'UF inválida (ex.: SP)'],
    ]);
    expect(issues(customerSchema, customer({ address: { ...address, country: 'BR' } }))[0]![0]).toBe(
      'address',
    );
  });
});

describe('company, SMTP account, holiday', () => {
  it('company time zone defaults to America/Sao_Paulo and must be known', () => {
    expect(companySchema.parse({ name: 'Provedor' })).toEqual({
      name: 'Provedor',
      timezone: 'America/Sao_Paulo',
    });
    expect(issues(companySchema, { name: 'Provedor', timezone: 'Brasil/Centro' })).toEqual([
      ['timezone', 'fuso horário desconhecido (ex.: America/Sao_Paulo)'],
    ]);
    expect(issues(companySchema, { name: 'Provedor', state: 'XX' })).toEqual([
      ['state', 'UF inválida (ex.: SP)'],
    ]);
  });

  it('SMTP account defaults: port 587, starttls, no self-signed certificates', () => {
    expect(
      smtpAccountSchema.parse({ id: 'p', host: 'smtp.x.example', fromName: 'X', fromAddress: 'x@x.example' }),
    ).toMatchObject({ port: 587, security: 'starttls', allowSelfSigned: false });
    expect(
      messagesAt(
        smtpAccountSchema,
        { id: 'p', host: 'h', fromName: 'X', fromAddress: 'x@x.example', security: 'ssl' },
        'security',
      ),
    ).toEqual(['segurança deve ser none, starttls ou tls']);
    expect(
      messagesAt(
        smtpAccountSchema,
        { id: 'p', host: 'h', fromName: 'X', fromAddress: 'nao-email' },
        'fromAddress',
      ),
    ).toEqual(['e-mail inválido']);
  });

  it('holiday: real date, yearly defaults to false', () => {
    expect(holidaySchema.parse({ date: '2026-01-25', name: 'Aniversário da cidade' })).toEqual({
      date: '2026-01-25',
      name: 'Aniversário da cidade',
      yearly: false,
    });
    expect(messagesAt(holidaySchema, { date: '2026-02-30', name: 'x' }, 'date')).toEqual([
      'data inválida (use AAAA-MM-DD, uma data que exista)',
    ]);
  });
});
