import type { ReactNode } from "react";

/** A part of a page named by its heading, so that assistive technology lists it by that name. */
export function Section({
  id,
  title,
  titleClassName,
  className,
  children,
}: {
  id: string;
  title: ReactNode;
  titleClassName: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={titleClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
