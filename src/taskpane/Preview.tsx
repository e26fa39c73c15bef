/**
 * The live preview: every contributor with amount and share, a plain SVG bar chart of the largest, the add-up check,
 * the EU overlap and net new money, who is held and why, the notes and sources. While the inputs have an error it keeps the
 * last valid result, marked as not current.
 */
import * as React from "react";
import type { Preview, TrackPreview } from "./model";

export function PreviewPanel(props: {
  revision: number;
  preview: Preview | null;
  current: boolean;
  generalError: string | undefined;
  /** Called with an ally's code when its name is clicked: the pane explains its amount. */
  onExplain?: (code: string) => void;
}): React.JSX.Element {
  const { preview, onExplain } = props;
  return (
    <PreviewFrame
      id="fs-preview"
      title="Preview"
      revision={props.revision}
      current={props.current}
      generalError={props.generalError}
    >
      {preview === null ? (
        <p>No valid result yet.</p>
      ) : (
        <>
          <p className="fs-headline" id="fs-preview-headline">
            {preview.headline}
          </p>
          {/* Every contributor, in a box of its own height that scrolls (focusable, so the keyboard scrolls it too). */}
          <div className="fs-table-scroll" tabIndex={0} role="region" aria-labelledby="fs-preview-contributors-caption">
            <table className="fs-table" id="fs-preview-contributors">
              <caption id="fs-preview-contributors-caption">Every contributor, largest first</caption>
              <thead>
                <tr>
                  <th scope="col">Ally</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Share</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      {onExplain === undefined ? (
                        row.name
                      ) : (
                        <button
                          type="button"
                          className="fs-link"
                          data-code={row.code}
                          aria-label={`Explain ${row.name}'s amount`}
                          onClick={() => onExplain(row.code)}
                        >
                          {row.name}
                        </button>
                      )}
                    </th>
                    <td>{row.amount}</td>
                    <td>{row.share}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <BarChart rows={preview.largest} />
          <p id="fs-preview-check" className={preview.addsUp ? "fs-ok" : "fs-error"}>
            {preview.addsUp
              ? "✓ Every row and every year adds up."
              : "Rows or years do not add up: please report this."}
          </p>
          <dl className="fs-totals">
            <dt>Total</dt>
            <dd id="fs-preview-total">{preview.total}</dd>
            <dt>By year</dt>
            <dd>{preview.tranches.map((tranche) => `${tranche.year}: ${tranche.amount}`).join("; ")}</dd>
            <dt>EU overlap</dt>
            <dd id="fs-preview-overlap">{preview.euOverlap}</dd>
            <dt>Net new money</dt>
            <dd id="fs-preview-net-new">{preview.netNew}</dd>
          </dl>
          <h3>Who is held</h3>
          {preview.held.length === 0 ? (
            <p id="fs-preview-held">Nobody: everyone pays their share of the basis.</p>
          ) : (
            <ul id="fs-preview-held">
              {preview.held.map((group) => (
                <li key={group.reason}>
                  {group.reason}: {group.codes.join(", ")}
                </li>
              ))}
            </ul>
          )}
          {preview.notes.length > 0 ? (
            <>
              <h3>Notes</h3>
              <ul>
                {preview.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Sources</h3>
          <p id="fs-preview-data">{preview.data}</p>
          <ul className="fs-sources" id="fs-preview-sources">
            {preview.sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </>
      )}
    </PreviewFrame>
  );
}

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 44;
const CHART_WIDTH = 280;

/** Horizontal bars of the largest contributors' amounts, labelled by code; the table above holds the same figures. */
function BarChart(props: { rows: Preview["largest"] }): React.JSX.Element {
  const { rows } = props;
  const height = rows.length * (BAR_HEIGHT + 4);
  return (
    <svg
      className="fs-chart"
      role="img"
      aria-label={`Bar chart of the largest contributors: ${rows.map((row) => `${row.code} ${row.amount}`).join(", ")}`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      height={height}
    >
      {rows.map((row, index) => (
        <g key={row.code} transform={`translate(0 ${index * (BAR_HEIGHT + 4)})`}>
          <text x={0} y={BAR_HEIGHT - 5} className="fs-chart-label">
            {row.code}
          </text>
          <rect
            x={LABEL_WIDTH}
            y={0}
            height={BAR_HEIGHT}
            width={Math.max(1, row.bar * (CHART_WIDTH - LABEL_WIDTH - 4))}
            className="fs-chart-bar"
          />
        </g>
      ))}
    </svg>
  );
}

/** What both previews show above their figures: the heading, the not-current note and an error with no control. */
function PreviewFrame(props: {
  id: string;
  title: string;
  revision: number;
  current: boolean;
  generalError: string | undefined;
  children: React.ReactNode;
}): React.JSX.Element {
  const { id, title, revision, current, generalError } = props;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className={current ? "fs-preview" : "fs-preview fs-stale"}
      id={id}
      data-preview-revision={revision}
      data-current={current}
    >
      <h2 id={`${id}-heading`}>{title}</h2>
      {!current ? (
        <p className="fs-stale-note" id="fs-not-current">
          Not current: showing the last valid result. Fix the marked input to update it.
        </p>
      ) : null}
      {generalError !== undefined ? (
        <p className="fs-error" role="alert" id="fs-general-error">
          {generalError}
        </p>
      ) : null}
      {props.children}
    </section>
  );
}

/**
 * The "Delivered vs fair share" view: the headline and coverage, a chart of fair share and delivered per ally (largest
 * fair share first), the table with the gap in amount and percent, the notes and sources.
 */
export function TrackPreviewPanel(props: {
  revision: number;
  preview: TrackPreview | null;
  current: boolean;
  generalError: string | undefined;
}): React.JSX.Element {
  const { preview } = props;
  return (
    <PreviewFrame
      id="fs-track"
      title="Delivered vs fair share"
      revision={props.revision}
      current={props.current}
      generalError={props.generalError}
    >
      {preview === null ? (
        <p>No valid result yet.</p>
      ) : (
        <>
          <p className="fs-headline" id="fs-track-headline">
            {preview.headline}
          </p>
          <p id="fs-track-coverage">{preview.coverageNote}</p>
          {preview.notCovered !== null ? (
            <p id="fs-track-not-covered" className="fs-caveat">
              {preview.notCovered}
            </p>
          ) : null}
          <TrackChart rows={preview.rows} />
          {/* Five columns are wider than a narrow pane: the table scrolls sideways in its own box, the page never. */}
          <div className="fs-table-wide" tabIndex={0} role="region" aria-labelledby="fs-track-table-caption">
            <table className="fs-table" id="fs-track-table">
              <caption id="fs-track-table-caption">
                Fair share, delivered and gap per ally, largest fair share first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Ally</th>
                  <th scope="col">Fair share</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">Gap</th>
                  <th scope="col">Gap %</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.code} className={row.short ? "fs-short" : undefined}>
                    <th scope="row">{row.name}</th>
                    <td>{row.fairShare}</td>
                    <td>{row.delivered}</td>
                    <td>{row.gap}</td>
                    <td>{row.gapPercent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="fs-hint">Gap = fair share - delivered: positive, short of its share; negative, beyond it.</p>
          <h3>Notes</h3>
          <ul>
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <h3>Sources</h3>
          <p id="fs-track-data">{preview.data}</p>
          <ul className="fs-sources" id="fs-track-sources">
            {preview.sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </>
      )}
    </PreviewFrame>
  );
}

const PAIR_BAR = 7;
const PAIR_GAP = 5;

/** Two bars per ally, fair share above delivered; "not tracked" where the tracker has no figure. */
function TrackChart(props: { rows: TrackPreview["rows"] }): React.JSX.Element {
  const { rows } = props;
  const pair = 2 * PAIR_BAR + PAIR_GAP;
  const height = rows.length * pair + 16;
  const width = CHART_WIDTH - LABEL_WIDTH - 4;
  return (
    <svg
      className="fs-chart"
      id="fs-track-chart"
      role="img"
      aria-label={`Fair share and delivered per ally, largest fair share first: ${rows
        .map((row) => `${row.code} ${row.fairShare} and ${row.delivered}`)
        .join("; ")}`}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      width="100%"
      height={height}
    >
      <g transform="translate(0 10)">
        <rect x={LABEL_WIDTH} y={-8} width={8} height={6} className="fs-chart-bar" />
        <text x={LABEL_WIDTH + 11} y={-2} className="fs-chart-label">
          Fair share
        </text>
        <rect x={LABEL_WIDTH + 80} y={-8} width={8} height={6} className="fs-chart-bar-delivered" />
        <text x={LABEL_WIDTH + 91} y={-2} className="fs-chart-label">
          Delivered
        </text>
      </g>
      {rows.map((row, index) => (
        <g key={row.code} transform={`translate(0 ${16 + index * pair})`} data-code={row.code}>
          <text x={0} y={2 * PAIR_BAR - 3} className="fs-chart-label">
            {row.code}
          </text>
          <rect
            x={LABEL_WIDTH}
            y={0}
            height={PAIR_BAR}
            width={Math.max(1, row.fairShareBar * width)}
            className="fs-chart-bar"
          />
          {row.tracked ? (
            <rect
              x={LABEL_WIDTH}
              y={PAIR_BAR}
              height={PAIR_BAR}
              width={Math.max(row.deliveredBar > 0 ? 1 : 0, Math.min(1, row.deliveredBar) * width)}
              className="fs-chart-bar-delivered"
            />
          ) : (
            <text x={LABEL_WIDTH + 2} y={2 * PAIR_BAR - 1} className="fs-chart-note">
              not tracked
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
