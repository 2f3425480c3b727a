import type { ComponentChildren } from 'preact';
import { Icon } from './components.tsx';

/**
 * What a successful action did and what comes next, first on the page it lands on: a registration's number
 * and the mail that was sent, a contribution's number and how to revise it — never a bare "Saved".
 */
export function Outcome(props: {
  title: ComponentChildren;
  /** What happened, one sentence each. */
  done: ComponentChildren[];
  nextLabel: string;
  /** What the person can or must do now, with dates and links. */
  next: ComponentChildren[];
}) {
  return (
    <section class="outcome" role="status" aria-labelledby="outcome-h">
      <Icon name="check" />
      <div class="outcome-body">
        <h2 id="outcome-h">{props.title}</h2>
        {props.done.map((line) => (
          <p>{line}</p>
        ))}
        {props.next.length > 0 && (
          <>
            <h3>{props.nextLabel}</h3>
            <ul class="next-steps">
              {props.next.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
