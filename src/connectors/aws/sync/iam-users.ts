/** IAM users of one account, with their tags and an email when one can be told. */
import { ListUsersCommand, ListUserTagsCommand, type Tag, type User } from '@aws-sdk/client-iam';
import { mapConcurrent } from '../../../core/concurrency.ts';
import type { ResourceItem } from '../../../core/inventory-items.ts';
import type { SyncEvent } from '../../connector.ts';
import type { IamScope } from './iam-scope.ts';
import { ref } from '../resource-types.ts';

const EMAIL_TAG = /^(e-?mail|mail)$/i;
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function* syncIamUsers(scope: IamScope): AsyncGenerator<SyncEvent, void> {
  const { iam, account, ctx } = scope;
  // ListUserTags is outside the setup guide's policy: once denied, stop asking for this account's users.
  let tagsAllowed = true;
  const tagsOf = async (userName: string): Promise<Tag[] | undefined> => {
    const tags: Tag[] = [];
    let marker: string | undefined;
    do {
      if (!tagsAllowed) return undefined;
      const page = await scope.optional('iam:ListUserTags', () => iam.send(new ListUserTagsCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })));
      if (!page) {
        tagsAllowed = false;
        return undefined;
      }
      tags.push(...(page.Tags ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return tags;
  };

  let marker: string | undefined;
  let count = 0;
  do {
    ctx.progress({ stage: 'iam', detail: `${account.name}: ${count} users` });
    const page = await scope.call('iam:ListUsers', () => iam.send(new ListUsersCommand({ MaxItems: scope.pageSize, ...(marker ? { Marker: marker } : {}) })));
    const users = (page.Users ?? []).filter((u): u is User & { Arn: string; UserName: string } => u.Arn !== undefined && u.UserName !== undefined);
    const tags = await mapConcurrent(users, scope.inFlight, (u) => tagsOf(u.UserName));
    for (const [i, user] of users.entries()) yield iamUserResource(account.id, user, tags[i]);
    count += users.length;
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
}

export function iamUserResource(accountId: string, user: User & { Arn: string; UserName: string }, tags: Tag[] | undefined): ResourceItem {
  const email = emailOf(user.UserName, tags);
  return {
    kind: 'resource',
    resourceType: 'iam_user',
    externalId: user.Arn,
    parent: ref('account', accountId),
    displayName: user.UserName,
    attributes: {
      userName: user.UserName,
      ...(user.UserId === undefined ? {} : { userId: user.UserId }),
      ...(user.Path === undefined ? {} : { path: user.Path }),
      ...(user.CreateDate === undefined ? {} : { createDate: user.CreateDate.toISOString() }),
      passwordLastUsed: user.PasswordLastUsed?.toISOString() ?? null,
      ...(tags === undefined ? {} : { tags: Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? ''])) }),
      ...(email === undefined ? {} : { email }),
    },
  };
}

/** The email of an IAM user: an `email` (or `Email`, `mail`) tag, else the user name when it is an address. */
export function emailOf(userName: string, tags: Tag[] | undefined): string | undefined {
  const tagged = tags?.find((t) => t.Key !== undefined && EMAIL_TAG.test(t.Key) && t.Value)?.Value;
  if (tagged) return tagged;
  return LOOKS_LIKE_EMAIL.test(userName) ? userName : undefined;
}
