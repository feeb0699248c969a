import { ruleProblem } from './rules.ts';
import { CHECKED_WIDGET } from './names.ts';
import type { DecapCms } from './decap-global.ts';

// Decap's own string, text, number and list controls, each made to check its value with the field's
// zod rule (rules.ts) before Decap lets the entry be saved, and to show a problem the moment an
// entry that already breaks a rule is opened. Order numbers are also checked against the other
// entries of their collection, so two phases cannot both be "Phase 2".

type Immutable = { get(key: string): unknown; toJS?: () => unknown };
interface ControlProps {
  field: Immutable;
  value: unknown;
  entry: Immutable;
  forID: string;
  validate: () => void;
  query: (
    namespace: string,
    collection: string,
    searchFields: string[],
    term: string,
    file?: string,
    limit?: number,
  ) => Promise<{ payload?: { hits?: { slug: string; data: Record<string, unknown> }[] } }>;
}
type ControlClass = new (props: ControlProps) => { props: ControlProps; componentDidMount?(): void };

const invalid = (message: string) => ({ error: { type: 'CUSTOM', message } });

function problemFor(props: ControlProps, whole: boolean): string | undefined {
  const rule = props.field.get('rule') as string | undefined;
  return rule ? ruleProblem(rule, props.value, { ownOnly: whole }) : undefined;
}

function checked(Base: ControlClass, { whole = false } = {}) {
  return class Checked extends Base {
    /** Numbers already taken by the other entries of an ordered collection, with their titles. */
    siblings?: { slug: string; number: unknown; title: string }[];

    componentDidMount() {
      super.componentDidMount?.();
      const among = this.props.field.get('order_among') as string | undefined;
      if (among) void this.loadSiblings(among);
      // An entry that already breaks a rule opens with the problem shown, in the schema's words.
      // (After this tick: Decap links the control to its field only once it has mounted.)
      if (!this.props.entry?.get('newRecord') && problemFor(this.props, whole))
        setTimeout(() => this.props.validate(), 0);
    }

    async loadSiblings(among: string) {
      const collection = this.props.entry.get('collection') as string;
      const result = await this.props.query(`${this.props.forID}-order`, collection, [among], '', undefined, 1000);
      this.siblings = (result?.payload?.hits ?? []).map((hit) => ({
        slug: hit.slug,
        number: hit.data.number,
        title: String(hit.data[among] ?? hit.slug),
      }));
    }

    isValid = () => {
      const problem = problemFor(this.props, whole);
      if (problem) return invalid(problem);
      const clash = this.siblings?.find(
        (other) => other.slug !== this.props.entry.get('slug') && other.number === this.props.value,
      );
      if (clash) {
        const what = (this.props.field.get('order_label') as string | undefined) ?? 'entry';
        return invalid(
          `“${clash.title}” is already ${what} ${String(this.props.value)}: choose a number no other ${what} has.`,
        );
      }
      return true;
    };
  };
}

/** Registers hub-string, hub-text, hub-number and hub-list over Decap's own controls and previews. */
export function registerCheckedWidgets(CMS: DecapCms) {
  for (const [base, name] of Object.entries(CHECKED_WIDGET)) {
    const widget = CMS.getWidget(base);
    if (!widget) throw new Error(`Decap has no ${base} widget to check`);
    CMS.registerWidget(
      name,
      checked(widget.control as unknown as ControlClass, { whole: base === 'list' }),
      widget.preview,
    );
  }
}
