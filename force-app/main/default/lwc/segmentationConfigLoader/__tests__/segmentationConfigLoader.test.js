import { mockConfigFetch } from 'test-utils';
import config from '../../../staticresources/segmentationConfig.json';

/** A fresh copy of the module for each test: its cache is module state. */
async function freshLoader() {
    let loader;
    await jest.isolateModulesAsync(async () => {
        loader = await import('c/segmentationConfigLoader');
    });
    return loader;
}

async function problemsOf(promise) {
    const error = await promise.then(
        () => null,
        (rejection) => rejection
    );
    return { message: error.message, problems: error.errors.map((inner) => inner.message) };
}

describe('segmentationConfigLoader', () => {
    afterEach(() => {
        jest.clearAllMocks();
    });

    it('fetches the static resource once for every panel on the page', async () => {
        const fetchMock = mockConfigFetch({ body: config });
        const { loadSegmentationConfig } = await freshLoader();

        const [first, second] = await Promise.all([loadSegmentationConfig(), loadSegmentationConfig()]);
        const third = await loadSegmentationConfig();

        expect(first).toEqual(config);
        expect(second).toBe(first);
        expect(third).toBe(first);
        expect(fetchMock).toHaveBeenCalledTimes(1);
        expect(fetchMock).toHaveBeenCalledWith('/resource/segmentationConfig', {
            credentials: 'same-origin'
        });
    });

    it('does not remember a failed load, so the next panel tries again', async () => {
        const { loadSegmentationConfig } = await freshLoader();
        mockConfigFetch({ status: 503 });
        await expect(loadSegmentationConfig()).rejects.toThrow();

        mockConfigFetch({ body: config });
        await expect(loadSegmentationConfig()).resolves.toEqual(config);
    });

    it.each([
        ['a missing resource', { status: 404 }, ['Laden mislukt: HTTP 404']],
        ['content that is not JSON', { body: 'not json' }, ['De inhoud is geen geldige JSON']]
    ])('refuses %s with a labelled reason', async (name, response, expected) => {
        mockConfigFetch(response);
        const { loadSegmentationConfig } = await freshLoader();

        const { message, problems } = await problemsOf(loadSegmentationConfig());
        expect(message).toMatch(/^De segmentatie-instellingen/);
        expect(problems).toEqual(expected);
    });

    it('reports a network failure', async () => {
        global.fetch = jest.fn(() => Promise.reject(new TypeError('Failed to fetch')));
        const { loadSegmentationConfig } = await freshLoader();

        expect((await problemsOf(loadSegmentationConfig())).problems).toEqual(['Failed to fetch']);
    });
});
