import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../app/context';

export function Greeting() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  return (
    <div className="greeting">
      <h1 className="greeting__title">{t('home.greeting', { name: user.displayName })}</h1>
      <p className="greeting__role muted">{t(`roles.${user.role}`)}</p>
    </div>
  );
}
