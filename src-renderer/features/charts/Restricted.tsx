/** What a non-clinical role sees instead of notes and photos: the refusal, never the content. */
export function Restricted({ testId, title }: { testId: string; title: string }) {
  return (
    <div className="panel panel-restricted" data-testid={testId} role="note">
      <h2>{title}</h2>
      <p className="muted">Only clinical staff (practitioners, and owners) can read or write visit notes and photos.</p>
    </div>
  );
}
