import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ComponentSet, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { checkMetadataXml } from './helpers/metadataCheck.ts';
import { REPO_ROOT } from '../scripts/lib/paths.ts';

/** The metadata types source-deploy-retrieve resolves each file to (a parent and its children may share one). */
function typesByFile(packageDir: string): Map<string, Set<string>> {
    const types = new Map<string, Set<string>>();
    const add = (component: SourceComponent) => {
        if (component.xml)
            types.set(component.xml, (types.get(component.xml) ?? new Set()).add(component.type.name));
        component.getChildren().forEach(add);
    };
    ComponentSet.fromSource(packageDir).getSourceComponents().toArray().forEach(add);
    return types;
}

/**
 * Every metadata file of a package directory, checked as the admin's deploy would: source-deploy-retrieve must
 * resolve it to the type its root element names, and the XML must fit that type in the Metadata API.
 */
async function checkPackage(packageDir: string): Promise<{ files: number; problems: string[] }> {
    const resolved = typesByFile(packageDir);
    const entries = await readdir(packageDir, { recursive: true, withFileTypes: true });
    const files = entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('-meta.xml'))
        .map((entry) => path.join(entry.parentPath, entry.name));
    const problems: string[] = [];
    for (const file of files) {
        const name = path.relative(packageDir, file);
        const { type, problems: found } = checkMetadataXml(await readFile(file, 'utf8'));
        const types = resolved.get(file);
        if (!types) problems.push(`${name}: source-deploy-retrieve does not resolve it to a metadata type`);
        else if (!type || !types.has(type))
            problems.push(`${name}: root element <${type}> but the file is a ${[...types].join('/')}`);
        problems.push(...found.map((problem) => `${name}: ${problem}`));
    }
    return { files: files.length, problems };
}

const FORCE_APP = path.join(REPO_ROOT, 'force-app');

test('every metadata file in force-app fits its Metadata API type: elements, nesting, required elements, values', async () => {
    const { files, problems } = await checkPackage(FORCE_APP);
    assert.ok(files > 100, `expected the whole package, found ${files} files`);
    assert.deepEqual(problems, []);
});

/** Mistakes an admin's deploy would reject, each made in a copy of force-app. */
const MUTATIONS: { file: string; from: RegExp; to: string; problem: RegExp }[] = [
    {
        // the pre-API 41 name, still in jsforce's copy of the WSDL
        file: 'main/default/flexipages/Merkgegevens_Record_Page.flexipage-meta.xml',
        from: /itemInstances>/g,
        to: 'componentInstances>',
        problem: /flexiPageRegions > componentInstances: FlexiPageRegion has no element <componentInstances>/
    },
    {
        // a field's behaviour written as elements, as some examples do, instead of fieldInstanceProperties
        file: 'main/default/flexipages/Installateur_Record_Page.flexipage-meta.xml',
        from: /<fieldInstanceProperties>\s*<name>uiBehavior<\/name>\s*<value>none<\/value>\s*<\/fieldInstanceProperties>/,
        to: '<uiBehavior>Edit</uiBehavior>',
        problem: /fieldInstance > uiBehavior: FieldInstance has no element <uiBehavior>/
    },
    {
        // a field placed straight in the item instead of in its fieldInstance
        file: 'main/default/flexipages/Installateur_Record_Page.flexipage-meta.xml',
        from: /<fieldInstance>([\s\S]*?)<\/fieldInstance>/,
        to: '$1',
        problem: /itemInstances > fieldItem: ItemInstance has no element <fieldItem>/
    },
    {
        file: 'main/default/objects/Potential__c/fields/Key__c.field-meta.xml',
        from: /<unique>true<\/unique>/,
        to: '<isUnique>true</isUnique>',
        problem: /CustomField > isUnique: CustomField has no element <isUnique>/
    },
    {
        file: 'main/default/reports/Klantsegmentatie.reportFolder-meta.xml',
        from: /<sharedToType>\w+<\/sharedToType>/,
        to: '<sharedToType>AllInternalUsers</sharedToType>',
        problem: /"AllInternalUsers" is not a value of FolderShare\.sharedToType/
    },
    {
        file: 'main/default/dashboards/Klantsegmentatie.dashboardFolder-meta.xml',
        from: /<folderShares>\s*<accessLevel>View<\/accessLevel>/,
        to: '<accessLevel>View</accessLevel><folderShares>',
        problem: /DashboardFolder > accessLevel: DashboardFolder has no element <accessLevel>/
    },
    {
        file: 'main/default/objects/Brand_Detail__c/listViews/Bezoek_te_laat.listView-meta.xml',
        from: /<operation>lessThan<\/operation>/,
        to: '<operation>lessThanOrEqual</operation>',
        problem: /"lessThanOrEqual" is not a value of ListViewFilter\.operation/
    },
    {
        file: 'main/default/objects/Potential__c/fields/Units__c.field-meta.xml',
        from: /<type>Number<\/type>/,
        to: '<type>Integer__x</type>',
        problem: /"Integer__x" is not a value of CustomField\.type/
    },
    {
        file: 'main/default/flexipages/Merkgegevens_Record_Page.flexipage-meta.xml',
        from: /<type>RecordPage<\/type>/,
        to: '<type>Record</type>',
        problem: /"Record" is not a value of FlexiPage\.type/
    },
    {
        file: 'main/default/objects/Brand_Detail__c/listViews/All.listView-meta.xml',
        from: /<filterScope>\w+<\/filterScope>/,
        to: '',
        problem: /ListView: ListView needs <filterScope>/
    },
    {
        file: 'main/default/dashboards/Klantsegmentatie/Klantsegmentatie.dashboard-meta.xml',
        from: /<componentType>BarStacked<\/componentType>/,
        to: '<componentType>StackedBar</componentType>',
        problem: /"StackedBar" is not a value of DashboardComponent\.componentType/
    },
    {
        file: 'main/default/reports/Klantsegmentatie/Opvolging.report-meta.xml',
        from: /<interval>INTERVAL_CUSTOM<\/interval>/,
        to: '<interval>ALL_TIME</interval>',
        problem: /"ALL_TIME" is not a value of ReportTimeFrameFilter\.interval/
    },
    {
        // a task filter written as a list view filter
        file: 'main/default/reports/Klantsegmentatie/Opvolging_te_laat.report-meta.xml',
        from: /<operator>lessThan<\/operator>/,
        to: '<operation>lessThan</operation>',
        problem: /ReportFilterItem has no element <operation>/
    },
    {
        file: 'main/default/permissionsets/Klantsegmentatie_Integration.permissionset-meta.xml',
        from: /<userPermissions>\s*<enabled>true<\/enabled>\s*<name>EditTask<\/name>/,
        to: '<userPermissions><name>EditTask</name>',
        problem: /PermissionSetUserPermission needs <enabled>/
    },
    {
        // the worklist's App page under a type name that does not exist
        file: 'main/default/flexipages/Mijn_installateurs.flexipage-meta.xml',
        from: /<type>AppPage<\/type>/,
        to: '<type>AppHomePage</type>',
        problem: /"AppHomePage" is not a value of FlexiPage\.type/
    },
    {
        // a Lightning page tab spelled as the page's file name
        file: 'main/default/tabs/Mijn_installateurs.tab-meta.xml',
        from: /<flexiPage>(\w+)<\/flexiPage>/,
        to: '<flexipage>$1</flexipage>',
        problem: /CustomTab has no element <flexipage>/
    },
    {
        file: 'main/default/objects/Potential__c/fields/Units__c.field-meta.xml',
        from: /<precision>18<\/precision>/,
        to: '<precision>achttien</precision>',
        problem: /CustomField\.precision is a number, not "achttien"/
    }
];

test('the check fails on a wrong element, a wrong nesting or value, or a missing element (in a copy of force-app)', async () => {
    const copy = await mkdtemp(path.join(os.tmpdir(), 'force-app-copy-'));
    try {
        await cp(FORCE_APP, copy, { recursive: true });
        for (const { file, from, to, problem } of MUTATIONS) {
            const original = await readFile(path.join(copy, file), 'utf8');
            const mutated = original.replace(from, to);
            assert.notEqual(mutated, original, `${file}: the mutation ${from} applies`);
            await writeFile(path.join(copy, file), mutated);
            const { problems } = await checkPackage(copy);
            await writeFile(path.join(copy, file), original);
            assert.equal(problems.length > 0, true, `${file}: ${from} -> ${to} passed the check`);
            assert.ok(
                problems.every((line) => line.startsWith(`${file}: `)) &&
                    problems.some((line) => problem.test(line)),
                `${file}: expected ${problem}, got\n${problems.join('\n')}`
            );
        }
        assert.deepEqual((await checkPackage(copy)).problems, [], 'the restored copy passes again');
    } finally {
        await rm(copy, { recursive: true, force: true });
    }
});
