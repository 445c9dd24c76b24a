/**
 * A tiny HTML builder that escapes every interpolated value unless it is already markup. Names from the org
 * (an installer called `<script>` or `Jansen & Zn "Installatie"`) can therefore never break the page.
 */
export class Html {
    constructor(readonly text: string) {}
    toString(): string {
        return this.text;
    }
}

const ENTITIES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};

export function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
    if (part === null || part === undefined || part === false) return '';
    if (part instanceof Html) return part.text;
    if (Array.isArray(part)) return part.map((item: Part) => render(item)).join('');
    return escapeHtml(String(part));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes name; nested html`` fragments and arrays of them pass. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
    let text = strings[0] ?? '';
    values.forEach((value, index) => {
        text += render(value) + (strings[index + 1] ?? '');
    });
    return new Html(text);
}

/** Markup we wrote ourselves (the style sheet); never pass data through this. */
export function trusted(markup: string): Html {
    return new Html(markup);
}
