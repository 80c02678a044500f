/**
 * How IAM answers describe a user and a group. Kept apart from the operations because each appears in
 * the other's answers (a group's members, a user's groups).
 */
import type { IamGroup, IamUser } from '../../state.ts';

export function userOutput(user: IamUser, withTags = false) {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: user.createDate,
    PasswordLastUsed: user.passwordLastUsed,
    Tags: withTags && user.tags.length > 0 ? user.tags : undefined,
  };
}

export function groupOutput(group: IamGroup) {
  return { Path: group.path, GroupName: group.groupName, GroupId: group.groupId, Arn: group.arn, CreateDate: group.createDate };
}
