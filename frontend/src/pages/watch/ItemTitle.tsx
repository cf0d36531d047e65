// A watch item's title: a link to the article (in a new tab) when it has one.

export function ItemTitle({ item }: { item: { title: string; link?: string | null } }) {
  return (
    <h2 className="item-title">
      {item.link ? (
        <a href={item.link} target="_blank" rel="noreferrer">
          {item.title}
        </a>
      ) : (
        item.title
      )}
    </h2>
  );
}
