import { Connection } from 'jsforce';
import { startStandin, type Standin, type StandinOptions } from '../../../scripts/dev/standin/server.ts';

/** A small org: two installers, their VG brand details and boiler potentials, with fixed Ids. */
export const IDS = {
    loon: '0018d0000000001AAA',
    dekker: '0018d0000000002AAA',
    loonVaillant: 'a018d0000000001AAA',
    loonAwb: 'a018d0000000002AAA',
    dekkerVaillant: 'a018d0000000003AAA',
    loonRemeha: 'a028d0000000001AAA',
    loonVaillantUnits: 'a028d0000000002AAA'
} as const;

export const FIXED_NOW = new Date('2026-11-25T01:00:00.000Z');

export async function startFixture(options: StandinOptions = {}): Promise<Standin> {
    const standin = await startStandin({ now: () => FIXED_NOW, ...options });
    const { store } = standin;
    store.insert('Account', [
        {
            Id: IDS.loon,
            Name: 'De heer R. Loon',
            Company_Size__c: '2. 3 - 5 medewerkers',
            Product_Focus__c: 'Ketels;Lucht warmtepomp',
            Revenue_12M__c: 14250,
            VG_Units_12M__c: 10
        },
        { Id: IDS.dekker, Name: 'Installatiebureau Dekker', Revenue_12M__c: 61291.83 }
    ]);
    store.insert('Brand_Detail__c', [
        {
            Id: IDS.loonVaillant,
            Name: 'Vaillant - Loon',
            Account__c: IDS.loon,
            Brand__c: 'Vaillant',
            Last_Visit_Date__c: '2026-11-05',
            Customer_Type__c: 'Get',
            VG_Potential_Share__c: 4.76
        },
        {
            Id: IDS.loonAwb,
            Name: 'AWB - Loon',
            Account__c: IDS.loon,
            Brand__c: 'AWB',
            Classified_At__c: '2026-11-24T23:00:00.000Z',
            VG_Ever_Had_Share__c: true
        },
        { Id: IDS.dekkerVaillant, Name: 'Vaillant - Dekker', Account__c: IDS.dekker, Brand__c: 'Vaillant' }
    ]);
    store.insert('Potential__c', [
        {
            Id: IDS.loonRemeha,
            Account__c: IDS.loon,
            Product_Group__c: 'Ketels',
            Brand__c: 'Remeha',
            Units__c: 30,
            Source__c: 'Sales',
            Key__c: `${IDS.loon}|Ketels|Remeha`
        },
        {
            Id: IDS.loonVaillantUnits,
            Account__c: IDS.loon,
            Product_Group__c: 'Ketels',
            Brand__c: 'Vaillant',
            Units__c: 10,
            Source__c: 'Schatting',
            Key__c: `${IDS.loon}|Ketels|Vaillant`
        }
    ]);
    return standin;
}

/** fetch against the stand-in's API with the current session; `path` is relative to /services/data/vXX.X. */
export function api(
    standin: Standin,
    path: string,
    init: RequestInit & { json?: unknown } = {}
): Promise<Response> {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${standin.accessToken}`);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    return fetch(`${standin.instanceUrl}/services/data/v${standin.apiVersion}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {})
    });
}

/** The JSON body of a response (or of a pending one). */
export async function json<T>(response: Response | Promise<Response>): Promise<T> {
    return (await response).json() as Promise<T>;
}

/** A jsforce connection as the command opens one with an access token. */
export function connection(standin: Standin): Connection {
    const conn = new Connection({
        instanceUrl: standin.instanceUrl,
        accessToken: standin.accessToken,
        version: standin.apiVersion
    });
    conn.bulk2.pollInterval = 5;
    conn.bulk2.pollTimeout = 5000;
    return conn;
}

/** The error a jsforce call rejects with, to assert on its errorCode and message. */
export async function rejection(
    promise: PromiseLike<unknown>
): Promise<Error & { errorCode?: string; data?: unknown }> {
    try {
        await promise;
    } catch (error) {
        return error as Error & { errorCode?: string };
    }
    throw new Error('expected the call to fail');
}
