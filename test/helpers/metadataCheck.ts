import { XMLParser } from 'fast-xml-parser';
import { typeDefinition, VALUE_LISTS, type PropertyType, type TypeDefinition } from './metadataApi.ts';

/**
 * Checks a metadata XML file against the Metadata API's type definitions (metadataApi.ts): every element is one
 * its type has, nested as the type says, repeated only where the type allows, required elements present, text
 * only where the type holds a value, booleans and numbers well-formed, and documented values where a value list
 * is known. Returns the root element's name (the type) and one line per problem, each with the element's path;
 * no problems means the file passes.
 */
export function checkMetadataXml(xml: string): { type: string | undefined; problems: string[] } {
    const roots = parse(xml);
    if (roots.length !== 1 || !roots[0])
        return { type: undefined, problems: ['the file must have exactly one root element'] };
    const [root] = roots;
    const definition = typeDefinition(root.name);
    if (!definition) return { type: root.name, problems: [`<${root.name}> is not a Metadata API type`] };
    const attributes = Object.entries(root.attributes)
        .filter(([name, value]) => name !== 'xmlns' || value !== METADATA_NAMESPACE)
        .map(([name]) => `${root.name}: attribute ${name} (only xmlns="${METADATA_NAMESPACE}" belongs here)`);
    return {
        type: root.name,
        problems: [...attributes, ...checkElement(root, root.name, definition, root.name)]
    };
}

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'any']);

function checkElement(
    element: XmlElement,
    typeName: string,
    definition: TypeDefinition,
    at: string
): string[] {
    const props = allProps(definition);
    const problems: string[] = [];
    if (element.text) problems.push(`${at}: ${typeName} holds elements, not text ("${element.text}")`);
    for (const name of Object.keys(element.attributes)) {
        if (at !== typeName && !definition.attributes?.includes(name))
            problems.push(`${at}: attribute ${name} is not allowed on ${typeName}`);
    }
    const seen = new Map<string, number>();
    for (const child of element.children) {
        const count = (seen.get(child.name) ?? 0) + 1;
        seen.set(child.name, count);
        const where = `${at} > ${child.name}${count > 1 ? `[${count}]` : ''}`;
        const property = props[child.name];
        if (property === undefined) {
            problems.push(`${where}: ${typeName} has no element <${child.name}>`);
            continue;
        }
        const { type, repeatable } = describe(property);
        if (count === 2 && !repeatable)
            problems.push(`${where}: <${child.name}> may appear only once in ${typeName}`);
        problems.push(...checkChild(child, type, `${typeName}.${child.name}`, where));
    }
    for (const [name, property] of Object.entries(props)) {
        if (describe(property).required && !seen.has(name))
            problems.push(`${at}: ${typeName} needs <${name}>`);
    }
    return problems;
}

function checkChild(child: XmlElement, type: string, key: string, where: string): string[] {
    if (!PRIMITIVES.has(type)) {
        const definition = typeDefinition(type);
        if (!definition)
            return [`${where}: type ${type} is not defined (add it to metadataApi.ts with its source)`];
        return checkElement(child, type, definition, where);
    }
    if (child.children.length > 0 && type !== 'any')
        return [`${where}: ${key} is a ${type} value, not elements`];
    const problems: string[] = [];
    if (type === 'boolean' && !/^(true|false)$/.test(child.text))
        problems.push(`${where}: ${key} is true or false, not "${child.text}"`);
    if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(child.text))
        problems.push(`${where}: ${key} is a number, not "${child.text}"`);
    const list = VALUE_LISTS[key];
    if (list && !list.values.includes(child.text))
        problems.push(
            `${where}: "${child.text}" is not a value of ${key} (${list.values.join(', ')}; ${list.source})`
        );
    return problems;
}

/** A property's own props plus those of the types it extends. */
function allProps(definition: TypeDefinition): Record<string, PropertyType> {
    const base = definition.extends ? typeDefinition(definition.extends) : undefined;
    return { ...(base ? allProps(base) : {}), ...definition.props };
}

function describe(property: PropertyType): { type: string; repeatable: boolean; required: boolean } {
    if (typeof property !== 'string') return { type: property[0], repeatable: true, required: false };
    const optional = property.startsWith('?');
    return { type: optional ? property.slice(1) : property, repeatable: false, required: !optional };
}

const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function parse(xml: string): XmlElement[] {
    return toElements(parser.parse(xml) as OrderedNode[]);
}

function toElements(nodes: OrderedNode[]): XmlElement[] {
    const elements: XmlElement[] = [];
    for (const node of nodes) {
        const name = Object.keys(node).find((key) => key !== ':@');
        if (!name || name === '#text' || name.startsWith('?')) continue;
        const children = node[name] as OrderedNode[];
        elements.push({
            name,
            attributes: node[':@'] ?? {},
            children: toElements(children),
            text: children
                .filter((child) => '#text' in child)
                .map((child) => String(child['#text']))
                .join('')
        });
    }
    return elements;
}
