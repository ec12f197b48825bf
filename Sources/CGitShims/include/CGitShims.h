#ifndef CGITSHIMS_H
#define CGITSHIMS_H
/// Sets libgit2's config search path for one level (GIT_OPT_SET_SEARCH_PATH).
int tapps_git_set_search_path(int level, const char *path);
/// Turns owner validation on or off (GIT_OPT_SET_OWNER_VALIDATION).
int tapps_git_set_owner_validation(int enabled);
/// Turns strict object creation on or off (GIT_OPT_ENABLE_STRICT_OBJECT_CREATION).
int tapps_git_set_strict_object_creation(int enabled);
/// Turns hashing every object read to verify its id on or off (GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION).
int tapps_git_set_strict_hash_verification(int enabled);
#endif
