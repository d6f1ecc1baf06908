import { describe, expect, it } from 'vitest';
import { parseEmailList } from '../../shared/email-list';

describe('parseEmailList', () => {
  it('a single address', () => {
    expect(parseEmailList('maria@cliente.example')).toEqual({
      valid: ['maria@cliente.example'],
      invalid: [],
    });
  });

  it('splits on "," and ";", trims, and ignores empty parts', () => {
    expect(
      parseEmailList(' maria@cliente.example ;joao@cliente.com.br,, ; financeiro@empresa.example; '),
    ).toEqual({
      valid: ['maria@cliente.example', 'joao@cliente.com.br', 'financeiro@empresa.example'],
      invalid: [],
    });
  });

  it.each([null, undefined, '', '   ', ' , ; '])('%j is an empty list', (value) => {
    expect(parseEmailList(value)).toEqual({ valid: [], invalid: [] });
  });

  it('drops exact duplicates among the valid addresses, keeping the first position', () => {
    expect(parseEmailList('a@x.example, b@x.example; a@x.example').valid).toEqual([
      'a@x.example',
      'b@x.example',
    ]);
  });

  it('separates invalid parts from valid ones, keeping their text', () => {
    expect(parseEmailList('maria@cliente.example, maria, joao@, @x.com, joao@cliente')).toEqual({
      valid: ['maria@cliente.example'],
      invalid: ['maria', 'joao@', '@x.com', 'joao@cliente'],
    });
  });

  it.each([
    'maria@cliente.example',
    'maria.souza+boleto@cliente.com.br',
    'MARIA@CLIENTE.EXAMPLE',
    'o_reilly@sub.domain-x.example',
    'a1@b2.co',
  ])('accepts %s', (address) => expect(parseEmailList(address).valid).toEqual([address]));

  it.each([
    'Maria <maria@cliente.example>',
    'maria silva@cliente.example',
    'maria@@cliente.example',
    'maria@cliente',
    'maria@-cliente.example',
    'maria@cliente-.example',
    'maria@cliente..example',
    'maria@cliente.example.',
    'maria(at)cliente.example',
    'maria@clien_te.example',
  ])('rejects %j', (address) => expect(parseEmailList(address)).toEqual({ valid: [], invalid: [address] }));
});
