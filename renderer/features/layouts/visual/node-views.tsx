// How the visual editor draws what is not plain text: a variable as a chip ("Valor da fatura"), a
// condition as a labelled block or a labelled piece of a sentence ("Se a fatura já venceu: …").
import { NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from '@tiptap/react';
import { ConditionBlock, ConditionInline, Variable } from './schema';
import { conditionLabel, isKnownVariable, variableLabel } from './labels';

function VariableChip({ node }: NodeViewProps) {
  const name = String(node.attrs.name);
  const known = isKnownVariable(name);
  return (
    <NodeViewWrapper
      as="span"
      className="regua-variable"
      data-variable={name}
      data-unknown={known ? undefined : ''}
      title={`{{${name}}}`}
      contentEditable={false}
    >
      {known ? variableLabel(name) : `variável desconhecida: ${name}`}
    </NodeViewWrapper>
  );
}

function ConditionBlockView({ node }: NodeViewProps) {
  return (
    <NodeViewWrapper className="regua-condition" data-condition={String(node.attrs.name)}>
      <div className="regua-condition-label" contentEditable={false}>
        {conditionLabel(String(node.attrs.name), !!node.attrs.inverted)}:
      </div>
      <NodeViewContent />
    </NodeViewWrapper>
  );
}

function ConditionInlineView({ node, getPos, editor }: NodeViewProps) {
  const label = conditionLabel(String(node.attrs.name), !!node.attrs.inverted);
  // "Tirar a condição": the text stays, shown always.
  const unwrap = () => {
    const pos = getPos();
    if (typeof pos !== 'number') return;
    editor.view.dispatch(editor.state.tr.replaceWith(pos, pos + node.nodeSize, node.content));
    editor.commands.focus();
  };
  return (
    <NodeViewWrapper as="span" className="regua-condition-inline" data-condition={String(node.attrs.name)}>
      <span className="regua-condition-inline-label" contentEditable={false}>
        {label.charAt(0).toLowerCase() + label.slice(1)}:{' '}
        <button
          type="button"
          className="regua-condition-remove"
          aria-label={`Tirar a condição “${label}”, mantendo o texto`}
          title="Tirar a condição (o texto passa a aparecer sempre)"
          onClick={unwrap}
        >
          ×
        </button>
      </span>
      <NodeViewContent<'span'> as="span" />
    </NodeViewWrapper>
  );
}

/** The schema's nodes with their React views, for the editor in the screen. */
export const VIEWED_NODES = [
  Variable.extend({ addNodeView: () => ReactNodeViewRenderer(VariableChip, { as: 'span' }) }),
  ConditionBlock.extend({ addNodeView: () => ReactNodeViewRenderer(ConditionBlockView) }),
  ConditionInline.extend({ addNodeView: () => ReactNodeViewRenderer(ConditionInlineView, { as: 'span' }) }),
];
