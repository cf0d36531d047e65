// The content calendar's month: a table of weeks (rows, named by their ISO number) × days
// (columns, Monday first), each day's posts in its cell with their network and status,
// linking to the post.
import { Link } from "react-router-dom";
import type { Schemas as S } from "../../api/types";
import { NETWORKS, POST_STATUSES } from "../../labels/social";
import { WEEKDAYS, dayTitle, isoWeekNumber, monthTitle, monthWeeks } from "./calendar";

type Post = S["SocialPostOut"];

export function MonthGrid(props: { month: string; posts: readonly Post[]; today: string; search: string }) {
  const byDay = new Map<string, Post[]>();
  for (const post of props.posts) byDay.set(post.planned_on, [...(byDay.get(post.planned_on) ?? []), post]);
  return (
    <div className="scroll-x">
      <table className="month-grid">
        <caption>{monthTitle(props.month)}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Semaine</span>
            </th>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(props.month).map((week) => (
            <tr key={week[0]}>
              <th scope="row">Semaine {isoWeekNumber(week[0])}</th>
              {week.map((day) => {
                const posts = byDay.get(day) ?? [];
                const classes = [day.startsWith(props.month) ? "" : "other-month", day === props.today ? "today" : ""];
                return (
                  <td key={day} className={classes.filter(Boolean).join(" ") || undefined}>
                    <span className="sr-only">{dayTitle(day)}</span>
                    <span className="day-number" aria-hidden="true">
                      {Number(day.slice(8))}
                    </span>
                    {posts.length > 0 && (
                      <ul>
                        {posts.map((p) => (
                          <li key={p.id}>
                            <Link to={`/reseaux/publications/${p.id}${props.search}`}>
                              {NETWORKS[p.network]} — {p.theme}
                            </Link>{" "}
                            <span className={`post-status post-status-${p.status}`}>{POST_STATUSES[p.status]}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
