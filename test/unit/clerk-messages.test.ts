// The check every e2e page's messages go through (test/support/clerk-messages.ts): the texts the issue
// found on the screens are caught, and the clerk's own words are not.
import { describe, expect, it } from 'vitest';
import { forbiddenIn } from '../support/clerk-messages';

describe('forbidden in a message a clerk reads', () => {
  it.each([
    '250 OK: message queued',
    'teste enviado (resposta do servidor: 250 2.0.0 Ok: queued as 4F2A)',
    'não foi possível conectar a 127.0.0.1:4126: connect ECONNREFUSED 127.0.0.1:4126',
    'arquivo PDF da fatura ilegível (ENOENT): /tmp/x.pdf',
    'o servidor recusou: 550 5.1.1 Mailbox unavailable',
    'já existe a regra (id after-due-365)',
    'Fatura undefined enviada',
    'valor: null',
    "TypeError: Cannot read properties of undefined (reading 'id')\n    at render (renderer/features/x.tsx:10:5)",
    'Modo de teste funcionando (modo-teste), porta 34709',
  ])('%s', (text) => expect(forbiddenIn(text)).not.toEqual([]));

  it.each([
    'O servidor smtp.provedor.com.br não respondeu na porta 587. Verifique o endereço e a porta, ou se a internet está funcionando.',
    'Conexão com 127.0.0.1 na porta 2525 bem-sucedida e login aceito.',
    'Fatura 2021-0001 enviada para maria@cliente.example',
    '250 faturas importadas',
    'R$ 1.250,00 em aberto',
    'já existe a regra "Envio após Vencido com 13 dias" nesta forma de cobrança',
    'Os 6 avisos de hoje não vão sair sozinhos',
    'Identificador válido para a importação',
  ])('%s is fine', (text) => expect(forbiddenIn(text)).toEqual([]));
});
