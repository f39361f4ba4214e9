import { Fragment } from 'react';

/** `America/New_York` with a line-break opportunity after each `/`, never inside a name. */
export function TimeZone({ zone }: { zone: string }) {
  const parts = zone.split('/');
  return (
    <span className="tz">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}
