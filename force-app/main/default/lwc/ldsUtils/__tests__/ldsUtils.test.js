import { isNoAccessError, reduceErrors } from 'c/ldsUtils';

describe('reduceErrors', () => {
    it.each([
        ['a UI API read error', { body: [{ message: 'A' }, { message: 'B' }] }, ['A', 'B']],
        ['page errors', { body: { pageErrors: [{ message: 'Page' }] } }, ['Page']],
        [
            'field errors',
            { body: { fieldErrors: { Name: [{ message: 'Name' }], X: [{ message: 'X' }] } } },
            ['Name', 'X']
        ],
        ['output errors', { body: { output: { errors: [{ message: 'Out' }] } } }, ['Out']],
        ['output field errors', { body: { output: { fieldErrors: { Name: [{ message: 'F' }] } } } }, ['F']],
        ['a body message', { body: { message: 'Body' } }, ['Body']],
        ['a JavaScript error', new Error('JS'), ['JS']],
        ['an HTTP status only', { statusText: 'Not Found' }, ['Not Found']],
        [
            'an AggregateError',
            new AggregateError([new Error('one'), new Error('two')], 'outer'),
            ['one', 'two']
        ]
    ])('reads %s', (name, error, expected) => {
        expect(reduceErrors(error)).toEqual(expected);
    });

    it('flattens a list and drops empty entries and messages', () => {
        expect(reduceErrors([null, { body: { message: '' } }, new Error('kept'), undefined])).toEqual([
            'kept'
        ]);
    });
});

describe('isNoAccessError', () => {
    it.each([
        [{ status: 403, body: [] }, true],
        [{ status: 400, body: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'x' }] }, true],
        [{ status: 400, body: { errorCode: 'INVALID_TYPE', message: 'x' } }, true],
        [{ status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'x' }] }, false],
        [{ status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'x' }] }, false],
        [undefined, false]
    ])('%j -> %s', (error, expected) => {
        expect(isNoAccessError(error)).toBe(expected);
    });
});
